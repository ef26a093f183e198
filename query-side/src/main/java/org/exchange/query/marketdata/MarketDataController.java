package org.exchange.query.marketdata;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.CandleInterval;
import org.exchange.api.market.MarketId;
import org.exchange.query.market.Markets;
import org.exchange.query.page.QueryParameters;
import org.exchange.query.position.ReflectsProjection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Public market data from the trade tape: recent trades, the 24-hour ticker and candles. */
@RestController
@ReflectsProjection("market-data")
class MarketDataController {

    static final int DEFAULT_TRADES = 100;
    static final int DEFAULT_CANDLES = 500;
    static final int MAX_ROWS = 1000;

    private final Markets markets;
    private final MarketDataReadModel marketData;
    private final Clock clock;

    MarketDataController(Markets markets, MarketDataReadModel marketData) {
        this.markets = markets;
        this.marketData = marketData;
        this.clock = Clock.systemUTC();
    }

    record TradeView(String tradeId, String market, long sequence, String price, String quantity,
                     String quoteQuantity, String takerSide, String executedAt) {

        static TradeView of(MarketTrade trade) {
            return new TradeView(trade.tradeId(), trade.market(), trade.sequence(), plain(trade.price()),
                    plain(trade.quantity()), plain(trade.quoteQuantity()), trade.takerSide().name(),
                    trade.executedAt().toString());
        }
    }

    record CandleView(String openTime, String closeTime, String open, String high, String low, String close,
                      String volume, String quoteVolume, long trades) {

        static CandleView of(Candle candle) {
            return new CandleView(candle.openTime().toString(), candle.closeTime().toString(), plain(candle.open()),
                    plain(candle.high()), plain(candle.low()), plain(candle.close()), plain(candle.volume()),
                    plain(candle.quoteVolume()), candle.trades());
        }
    }

    /**
     * @param open {@code null} (and so are high, low, last) when nothing traded in the window
     */
    record TickerView(String market, String openTime, String closeTime, String open, String high, String low,
                      String last, String priceChange, String volume, String quoteVolume, long trades) {

        static TickerView of(TickerStats stats) {
            return new TickerView(stats.market(), stats.openTime().toString(), stats.closeTime().toString(),
                    plain(stats.open()), plain(stats.high()), plain(stats.low()), plain(stats.last()),
                    plain(stats.priceChange()), plain(stats.volume()), plain(stats.quoteVolume()), stats.trades());
        }
    }

    record RecentTradesView(String market, List<TradeView> trades) {
    }

    record CandlesView(String market, String interval, List<CandleView> candles) {
    }

    /** The latest trades, newest first; {@code limit} 1..1000, 100 by default. */
    @GetMapping("/api/v1/markets/{market}/trades")
    RecentTradesView trades(@PathVariable String market, @RequestParam(required = false) Integer limit) {
        String id = markets.existing(market);
        return new RecentTradesView(id, marketData.latestTrades(id, null,
                QueryParameters.limit(limit, DEFAULT_TRADES, MAX_ROWS)).stream().map(TradeView::of).toList());
    }

    @GetMapping("/api/v1/markets/{market}/ticker")
    TickerView ticker(@PathVariable String market) {
        return TickerView.of(marketData.ticker(markets.existing(market), clock.instant()));
    }

    /**
     * @param interval 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M
     * @param from     ISO-8601 instant: the candles from the one holding it on; else the latest
     * @param to       ISO-8601 instant: only candles opening before it (default now)
     * @param limit    1..1000, 500 by default
     */
    @GetMapping("/api/v1/markets/{market}/candles")
    CandlesView candles(@PathVariable String market, @RequestParam(required = false) String interval,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(required = false) Integer limit) {
        String id = markets.existing(market);
        if (interval == null) {
            throw new ExchangeException(ErrorCode.INVALID_INTERVAL, "interval is required, one of "
                    + CandleInterval.codes());
        }
        CandleInterval candles = CandleInterval.ofCode(interval);
        Instant start = QueryParameters.instant("from", from);
        Instant end = to == null ? clock.instant() : QueryParameters.instant("to", to);
        QueryParameters.ordered(start, end);
        return new CandlesView(id, candles.code(),
                marketData.candles(id, candles, start, end, QueryParameters.limit(limit, DEFAULT_CANDLES, MAX_ROWS))
                        .stream().map(CandleView::of).toList());
    }

    /** A decimal in plain notation, exactly as the read model holds it; {@code null} stays {@code null}. */
    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
