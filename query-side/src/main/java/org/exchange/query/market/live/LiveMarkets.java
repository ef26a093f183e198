package org.exchange.query.market.live;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.OrderAcceptedByBookEvent;
import org.exchange.api.market.OrderLeftBookEvent;
import org.exchange.api.market.OrderRestedEvent;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.query.live.LiveEvent;
import org.exchange.query.live.LiveEventListener;
import org.exchange.query.stream.MarketDirectory;
import org.exchange.query.stream.StreamHub;
import org.exchange.query.stream.StreamProperties;
import org.exchange.query.stream.Topic;
import org.exchange.query.stream.Updates.CandleUpdate;
import org.exchange.query.stream.Updates.DepthUpdate;
import org.exchange.query.stream.Updates.TickerUpdate;
import org.exchange.query.stream.Updates.TradeUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every market's live state, fed from the Market aggregate's events on the event topic: order books
 * for depth, and the trades, depth, ticker and candle streams. Trades and candles are published as
 * each trade is read; depth diffs and tickers by a flusher every {@code depthBatch} (a ticker at
 * most once per {@code tickerInterval} per market).
 */
@Component
public class LiveMarkets implements LiveEventListener, MarketDirectory, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveMarkets.class);
    /** Binance's {@code <symbol>@depth}: one diff per second. */
    static final Duration MERGED_DEPTH_INTERVAL = Duration.ofSeconds(1);
    private static final Set<String> WANTED = Set.of(MarketOpenedEvent.class.getName(),
            OrderAcceptedByBookEvent.class.getName(), OrderRestedEvent.class.getName(),
            OrderLeftBookEvent.class.getName(), TradeExecutedEvent.class.getName());

    private final Map<String, LiveMarket> markets = new ConcurrentHashMap<>();
    private final StreamHub hub;
    private final StreamProperties properties;
    private volatile boolean live;
    private ScheduledExecutorService flusher;

    public LiveMarkets(StreamHub hub, StreamProperties properties) {
        this.hub = hub;
        this.properties = properties;
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Market");
    }

    @Override
    public boolean wants(String payloadType) {
        return WANTED.contains(payloadType);
    }

    @Override
    public void on(LiveEvent event, boolean live) {
        if (event.payload() instanceof MarketOpenedEvent opened) {
            markets.putIfAbsent(opened.marketId().value(), new LiveMarket(opened.marketId().value(), event.sequence()));
            return;
        }
        LiveMarket market = markets.get(event.aggregateId());
        if (market == null) {
            log.warn("event {} of market {} before the market was opened; ignored", event.sequence(), event.aggregateId());
            return;
        }
        LiveMarket.Applied applied = market.apply(event);
        if (applied == null || applied.trade() == null || !live) {
            return;
        }
        TradeExecutedEvent trade = applied.trade();
        String id = market.id();
        hub.publish(Topic.trades(id), new TradeUpdate(trade.tradeId().value(), id, trade.sequence(),
                plain(trade.price()), plain(trade.quantity()), plain(trade.quoteQuantity()), trade.takerSide().name(),
                event.timestamp().toString()));
        for (CurrentCandles.Candle candle : applied.candles()) {
            Topic topic = Topic.candles(id, candle.interval);
            if (hub.hasSubscribers(topic)) {
                hub.publish(topic, new CandleUpdate(id, candle.interval.code(), candle.openTime.toString(),
                        candle.closeTime().toString(), plain(candle.open), plain(candle.high), plain(candle.low),
                        plain(candle.close), plain(candle.volume), plain(candle.quoteVolume), candle.trades,
                        candle.firstTrade, candle.lastTrade, plain(candle.takerBuyVolume),
                        plain(candle.takerBuyQuoteVolume)));
            }
        }
    }

    @Override
    public void caughtUp() {
        markets.values().forEach(LiveMarket::caughtUp);
        live = true;
        log.info("order books of {} markets ready: {} resting orders", markets.size(),
                markets.values().stream().mapToInt(LiveMarket::restingOrders).sum());
    }

    /** Whether the books show the topic as it stood at least when the service started. */
    public boolean ready() {
        return live;
    }

    @Override
    public boolean exists(String market) {
        return markets.containsKey(market);
    }

    @Override
    public Optional<String> bySymbol(String symbol) {
        return markets.keySet().stream().filter(id -> MarketId.of(id).symbol().equals(symbol)).sorted().findFirst();
    }

    /**
     * The best {@code limit} levels of each side of the market's book; empty for a market never opened.
     *
     * @throws ExchangeException {@code SERVICE_UNAVAILABLE} while the books are still being built from
     *                           the event history (they would show an old book)
     */
    public Optional<BookDepth> depth(String market, int limit) {
        if (!live) {
            throw new ExchangeException(ErrorCode.SERVICE_UNAVAILABLE, "order books are still being built from the event history");
        }
        LiveMarket state = markets.get(market);
        return state == null ? Optional.empty() : Optional.of(state.depth(limit));
    }

    @Override
    public void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("market-streams").daemon().factory());
        long period = properties.depthBatch().toMillis();
        flusher.scheduleAtFixedRate(this::flush, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        flusher.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return flusher != null && !flusher.isShutdown();
    }

    /** One thread publishes every depth diff and ticker: each market's diffs go out in order. */
    private void flush() {
        if (!live) {
            return;
        }
        try {
            long now = System.nanoTime();
            long tickerInterval = properties.tickerInterval().toNanos();
            for (LiveMarket market : markets.values()) {
                DepthUpdate depth = market.nextDepthUpdate();
                if (depth != null) {
                    hub.publish(Topic.depth(market.id()), depth);
                }
                DepthUpdate merged = market.nextMergedDepthUpdate(now, MERGED_DEPTH_INTERVAL.toNanos());
                if (merged != null) {
                    hub.publish(Topic.depthEverySecond(market.id()), merged);
                }
                LiveMarket.Ticker ticker = market.nextTicker(now, tickerInterval);
                if (ticker != null) {
                    TickerWindow.Stats stats = ticker.stats();
                    hub.publish(Topic.ticker(market.id()), new TickerUpdate(market.id(), plain(stats.open()),
                            plain(stats.high()), plain(stats.low()), plain(stats.last()), plain(stats.volume()),
                            plain(stats.quoteVolume()), stats.trades(), stats.openTime().toString(),
                            stats.closeTime().toString(), plain(stats.lastQuantity()), plain(stats.prevClose()),
                            stats.firstTrade(), stats.lastTrade(),
                            ticker.bid() == null ? null : plain(ticker.bid().price()),
                            ticker.bid() == null ? null : plain(ticker.bid().quantity()),
                            ticker.ask() == null ? null : plain(ticker.ask().price()),
                            ticker.ask() == null ? null : plain(ticker.ask().quantity())));
                }
            }
        } catch (RuntimeException failure) {
            log.error("could not publish depth and tickers", failure);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
