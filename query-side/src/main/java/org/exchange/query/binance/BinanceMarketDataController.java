package org.exchange.query.binance;

import org.exchange.platform.binance.BinanceDecimals;
import org.exchange.platform.binance.BinanceParameters;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import org.exchange.api.market.CandleInterval;
import org.exchange.api.order.OrderSide;
import org.exchange.platform.binance.BinanceError;
import org.exchange.platform.binance.BinanceRefusal;
import org.exchange.query.market.ListedMarket;
import org.exchange.query.market.live.BookDepth;
import org.exchange.query.market.live.LiveMarkets;
import org.exchange.query.marketdata.Candle;
import org.exchange.query.marketdata.MarketDataReadModel;
import org.exchange.query.marketdata.MarketTrade;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Binance's market data: order book, recent and aggregate trades, klines and the average price, from
 * the same in-memory books and read models as the native market data (docs/api-guide.md).
 */
@RestController
class BinanceMarketDataController {

    static final int DEFAULT_DEPTH = 100;
    static final int MAX_DEPTH = 5_000;
    static final int DEFAULT_ROWS = 500;
    static final int MAX_ROWS = 1_000;
    static final Duration AVERAGE_PRICE_WINDOW = Duration.ofMinutes(5);

    private final BinanceSymbols symbols;
    private final AssetPrecisions precisions;
    private final LiveMarkets books;
    private final MarketDataReadModel marketData;
    private final Clock clock = Clock.systemUTC();

    BinanceMarketDataController(BinanceSymbols symbols, AssetPrecisions precisions, LiveMarkets books,
                                MarketDataReadModel marketData) {
        this.symbols = symbols;
        this.precisions = precisions;
        this.books = books;
        this.marketData = marketData;
    }

    /** @param lastUpdateId the book's sequence: the Market aggregate's sequence number of the last event it reflects */
    record Depth(long lastUpdateId, List<List<String>> bids, List<List<String>> asks) {
    }

    record Trade(long id, String price, String qty, String quoteQty, long time,
                 @JsonProperty("isBuyerMaker") boolean isBuyerMaker, @JsonProperty("isBestMatch") boolean isBestMatch) {
    }

    /** One trade per aggregate: {@code a}, {@code f} and {@code l} are all the trade's id. */
    record AggregateTrade(@JsonProperty("a") long aggregateId, @JsonProperty("p") String price,
                          @JsonProperty("q") String quantity, @JsonProperty("f") long firstTradeId,
                          @JsonProperty("l") long lastTradeId, @JsonProperty("T") long time,
                          @JsonProperty("m") boolean buyerWasMaker, @JsonProperty("M") boolean bestMatch) {
    }

    record AveragePrice(int mins, String price, long closeTime) {
    }

    /** The best {@code limit} levels per side (100 by default, at most 5000). */
    @GetMapping(BinanceError.PATH + "/depth")
    Depth depth(HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.of(request, "symbol", "limit");
        ListedMarket market = symbols.market("symbol", parameters.required("symbol"));
        int limit = parameters.limit(DEFAULT_DEPTH, MAX_DEPTH);
        BookDepth depth = books.depth(market.market(), limit)
                .orElseThrow(() -> new BinanceRefusal(BinanceError.invalidSymbol()));
        Formats format = formats(market);
        return new Depth(depth.sequence(), levels(depth.bids(), format), levels(depth.asks(), format));
    }

    /** The latest {@code limit} trades (500 by default, at most 1000), oldest first. */
    @GetMapping(BinanceError.PATH + "/trades")
    List<Trade> trades(HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.of(request, "symbol", "limit");
        ListedMarket market = symbols.market("symbol", parameters.required("symbol"));
        Formats format = formats(market);
        return oldestFirst(marketData.latestTrades(market.market(), null, parameters.limit(DEFAULT_ROWS, MAX_ROWS)))
                .stream()
                .map(trade -> new Trade(trade.sequence(), format.price(trade.price()), format.quantity(trade.quantity()),
                        format.quote(trade.quoteQuantity()), trade.executedAt().toEpochMilli(), buyerWasMaker(trade), true))
                .toList();
    }

    /**
     * Trades as Binance's aggregate trades, oldest first: from the trade id {@code fromId} on; or
     * executed from {@code startTime} to {@code endTime} (both inclusive, either may be left out);
     * or the latest. Each aggregate is one trade.
     */
    @GetMapping(BinanceError.PATH + "/aggTrades")
    List<AggregateTrade> aggregateTrades(HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.of(request, "symbol", "fromId", "startTime", "endTime", "limit");
        ListedMarket market = symbols.market("symbol", parameters.required("symbol"));
        Long fromId = parameters.number("fromId");
        Instant start = parameters.time("startTime");
        Instant end = parameters.time("endTime");
        int limit = parameters.limit(DEFAULT_ROWS, MAX_ROWS);
        if (fromId != null && (start != null || end != null)) {
            throw new BinanceRefusal(BinanceError.badCombination());
        }
        BinanceParameters.ordered(start, end);
        Instant until = end == null ? null : end.plusMillis(1);
        List<MarketTrade> trades = fromId != null || start != null
                ? marketData.tradesFrom(market.market(), fromId, start, until, limit)
                : oldestFirst(marketData.latestTrades(market.market(), until, limit));
        Formats format = formats(market);
        return trades.stream()
                .map(trade -> new AggregateTrade(trade.sequence(), format.price(trade.price()),
                        format.quantity(trade.quantity()), trade.sequence(), trade.sequence(),
                        trade.executedAt().toEpochMilli(), buyerWasMaker(trade), true))
                .toList();
    }

    /**
     * Klines: the candles opening from {@code startTime} to {@code endTime} (both inclusive; without
     * {@code startTime} the latest), {@code limit} of them (500 by default, at most 1000), oldest first.
     */
    @GetMapping({BinanceError.PATH + "/klines", BinanceError.PATH + "/uiKlines"})
    List<List<Object>> klines(HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.of(request, "symbol", "interval", "startTime", "endTime", "limit");
        ListedMarket market = symbols.market("symbol", parameters.required("symbol"));
        CandleInterval interval = CandleInterval.ofCode(parameters.required("interval"));
        Instant start = parameters.time("startTime");
        Instant end = parameters.time("endTime");
        int limit = parameters.limit(DEFAULT_ROWS, MAX_ROWS);
        BinanceParameters.ordered(start, end);
        // whole candles: the first opening at or after startTime, up to the one holding endTime
        Instant from = start == null ? null
                : interval.openTime(start).equals(start) ? start : interval.nextOpenTime(interval.openTime(start));
        Instant to = interval.nextOpenTime(interval.openTime(end == null ? clock.instant() : end));
        if (from != null && !from.isBefore(to)) {
            return List.of();
        }
        Formats format = formats(market);
        return marketData.candles(market.market(), interval, from, to, limit).stream()
                .map(candle -> kline(candle, format))
                .toList();
    }

    /**
     * The volume-weighted average price of the last 5 minutes' trades; without any, the last trade's
     * price. {@code closeTime} is the last trade's time (0 before the first trade).
     */
    @GetMapping(BinanceError.PATH + "/avgPrice")
    AveragePrice averagePrice(HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.of(request, "symbol");
        ListedMarket market = symbols.market("symbol", parameters.required("symbol"));
        Formats format = formats(market);
        int minutes = (int) AVERAGE_PRICE_WINDOW.toMinutes();
        return marketData.volumeSince(market.market(), clock.instant().minus(AVERAGE_PRICE_WINDOW))
                .map(window -> new AveragePrice(minutes, BinanceDecimals.ratio(window.quoteVolume(), window.volume(),
                        format.quoteScale()), window.lastTradeAt().toEpochMilli()))
                .orElseGet(() -> marketData.latestTrades(market.market(), null, 1).stream().findFirst()
                        .map(last -> new AveragePrice(minutes, format.price(last.price()), last.executedAt().toEpochMilli()))
                        .orElseGet(() -> new AveragePrice(minutes, format.price(null), 0)));
    }

    private static List<Object> kline(Candle candle, Formats format) {
        List<Object> kline = new ArrayList<>(12);
        kline.add(candle.openTime().toEpochMilli());
        kline.add(format.price(candle.open()));
        kline.add(format.price(candle.high()));
        kline.add(format.price(candle.low()));
        kline.add(format.price(candle.close()));
        kline.add(format.quantity(candle.volume()));
        kline.add(candle.closeTime().toEpochMilli());
        kline.add(format.quote(candle.quoteVolume()));
        kline.add(candle.trades());
        kline.add(format.quantity(candle.takerBuyVolume()));
        kline.add(format.quote(candle.takerBuyQuoteVolume()));
        // Binance's last field is unused and always "0"
        kline.add("0");
        return kline;
    }

    /** Binance's {@code isBuyerMaker}/{@code m}: the buyer's order was resting, so the taker sold. */
    static boolean buyerWasMaker(MarketTrade trade) {
        return trade.takerSide() == OrderSide.SELL;
    }

    private static List<List<String>> levels(List<BookDepth.Level> levels, Formats format) {
        return levels.stream().map(level -> List.of(format.price(level.price()), format.quantity(level.quantity()))).toList();
    }

    private static <T> List<T> oldestFirst(List<T> newestFirst) {
        List<T> reversed = new ArrayList<>(newestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    private Formats formats(ListedMarket market) {
        return Formats.of(market, precisions);
    }
}
