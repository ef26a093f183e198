package org.exchange.query.market.live;

import org.exchange.api.market.OrderAcceptedByBookEvent;
import org.exchange.api.market.OrderLeftBookEvent;
import org.exchange.api.market.OrderRestedEvent;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.OrderSide;
import org.exchange.query.live.LiveEvent;
import org.exchange.query.stream.Updates.DepthUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One market's live state: its book, 24 h ticker and current candles, and the Market aggregate's
 * sequence number of the last event applied. Written by the event topic reader, read by REST and the
 * depth flusher: every access holds the market's lock.
 */
final class LiveMarket {

    private static final Logger log = LoggerFactory.getLogger(LiveMarket.class);

    private final String market;
    private final OrderBook book = new OrderBook();
    private final TickerWindow ticker = new TickerWindow();
    private final CurrentCandles candles = new CurrentCandles();
    private long sequence;
    /** The last sequence a depth diff covered: the next diff starts right after it. */
    private long published;
    /** The diffs since the last one-second diff, merged: price → its latest {@code [price, total]}. */
    private final NavigableMap<BigDecimal, List<String>> secondBids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, List<String>> secondAsks = new TreeMap<>();
    /** The first sequence the next one-second diff covers; the last is {@link #published}. */
    private long secondFirst = -1;
    private long secondPublishedAt = Long.MIN_VALUE / 2;
    private boolean tickerChanged;
    private long tickerPublishedAt = Long.MIN_VALUE / 2;

    /** @param openedAt the sequence number of its {@code MarketOpenedEvent} */
    LiveMarket(String market, long openedAt) {
        this.market = market;
        this.sequence = openedAt;
        this.published = openedAt;
    }

    /** What applying one event produced for the streams. */
    record Applied(TradeExecutedEvent trade, TickerWindow.Stats ticker, List<CurrentCandles.Candle> candles) {
        static final Applied NOTHING = new Applied(null, null, List.of());
    }

    String id() {
        return market;
    }

    /**
     * Applies the next event of the Market aggregate. An event at or below the current sequence is a
     * repeat (the publisher republishes history after losing its token) and changes nothing.
     *
     * @return {@code null} for a repeat
     */
    synchronized Applied apply(LiveEvent event) {
        if (event.sequence() <= sequence) {
            return null;
        }
        if (event.sequence() != sequence + 1) {
            log.warn("market {}: event {} follows {}; events in between were never read", market, event.sequence(), sequence);
        }
        sequence = event.sequence();
        return switch (event.payload()) {
            case OrderAcceptedByBookEvent accepted -> {
                book.accepted(accepted.orderId().value(), accepted.terms().side());
                yield Applied.NOTHING;
            }
            case OrderRestedEvent rested -> {
                if (!book.rested(rested.orderId().value(), rested.price(), rested.remainingQuantity())) {
                    log.warn("market {}: order {} rests but was never accepted here; not in the book", market, rested.orderId());
                }
                yield Applied.NOTHING;
            }
            case TradeExecutedEvent trade -> {
                book.traded(trade.makerOrderId().value(), trade.quantity());
                ticker.add(event.timestamp(), trade.price(), trade.quantity(), trade.quoteQuantity(), trade.sequence());
                tickerChanged = true;
                List<CurrentCandles.Candle> changed = candles.add(event.timestamp(), trade.price(), trade.quantity(),
                        trade.quoteQuantity(), trade.sequence(), trade.takerSide() == OrderSide.BUY);
                yield new Applied(trade, null, changed);
            }
            case OrderLeftBookEvent left -> {
                book.left(left.orderId().value());
                yield Applied.NOTHING;
            }
            case null, default -> Applied.NOTHING;
        };
    }

    synchronized BookDepth depth(int limit) {
        return new BookDepth(market, sequence, book.bids(limit), book.asks(limit));
    }

    /**
     * The book's changes since the previous diff, covering every market event since then (also those
     * that did not change the book), or {@code null} when no event was applied since.
     */
    synchronized DepthUpdate nextDepthUpdate() {
        if (sequence == published) {
            return null;
        }
        OrderBook.Changes changes = book.drainChanges();
        DepthUpdate update = new DepthUpdate(market, published + 1, sequence, changes.bids(), changes.asks());
        if (secondFirst < 0) {
            secondFirst = update.firstSequence();
        }
        merge(secondBids, changes.bids());
        merge(secondAsks, changes.asks());
        published = sequence;
        return update;
    }

    /**
     * The diffs handed out by {@link #nextDepthUpdate()} since the last call, merged into one (a level's
     * latest total wins), at most once per {@code intervalNanos}; {@code null} when none is due. The
     * merged diffs chain like the others: {@code firstSequence} = previous {@code lastSequence} + 1.
     */
    synchronized DepthUpdate nextMergedDepthUpdate(long nowNanos, long intervalNanos) {
        if (secondFirst < 0 || nowNanos - secondPublishedAt < intervalNanos) {
            return null;
        }
        DepthUpdate update = new DepthUpdate(market, secondFirst, published, new ArrayList<>(secondBids.values()),
                new ArrayList<>(secondAsks.values()));
        secondBids.clear();
        secondAsks.clear();
        secondFirst = -1;
        secondPublishedAt = nowNanos;
        return update;
    }

    private static void merge(NavigableMap<BigDecimal, List<String>> merged, List<List<String>> levels) {
        for (List<String> level : levels) {
            merged.put(new BigDecimal(level.getFirst()), level);
        }
    }

    /** A ticker with the book's best bid and ask ({@code null} for an empty side) at the time. */
    record Ticker(TickerWindow.Stats stats, BookDepth.Level bid, BookDepth.Level ask) {
    }

    /** The ticker, if it changed and the last one is at least {@code intervalNanos} old. */
    synchronized Ticker nextTicker(long nowNanos, long intervalNanos) {
        if (!tickerChanged || nowNanos - tickerPublishedAt < intervalNanos) {
            return null;
        }
        tickerChanged = false;
        tickerPublishedAt = nowNanos;
        List<BookDepth.Level> bids = book.bids(1);
        List<BookDepth.Level> asks = book.asks(1);
        return new Ticker(ticker.stats(), bids.isEmpty() ? null : bids.getFirst(), asks.isEmpty() ? null : asks.getFirst());
    }

    /** History was replayed: nothing of it is news to a client. */
    synchronized void caughtUp() {
        book.drainChanges();
        published = sequence;
        tickerChanged = false;
    }

    synchronized long sequence() {
        return sequence;
    }

    synchronized int restingOrders() {
        return book.restingOrders();
    }
}
