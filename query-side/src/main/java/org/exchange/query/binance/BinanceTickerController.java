package org.exchange.query.binance;

import org.exchange.platform.binance.BinanceDecimals;
import org.exchange.platform.binance.BinanceParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.exchange.platform.binance.BinanceError;
import org.exchange.query.market.ListedMarket;
import org.exchange.query.market.live.BookDepth;
import org.exchange.query.market.live.LiveMarkets;
import org.exchange.query.marketdata.MarketDataReadModel;
import org.exchange.query.marketdata.MarketTrade;
import org.exchange.query.marketdata.TickerStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binance's tickers: 24-hour statistics (the native ticker's window and sums, with the best bid and
 * ask from the live book), the last price, and the best bid and ask. Each answers one object for
 * {@code symbol}, an array for {@code symbols} (a JSON array) or for every symbol when neither is sent.
 */
@RestController
class BinanceTickerController {

    /** Binance writes the percentage with 3 decimals. */
    private static final int PERCENT_SCALE = 3;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BinanceSymbols symbols;
    private final AssetPrecisions precisions;
    private final LiveMarkets books;
    private final MarketDataReadModel marketData;
    private final Clock clock = Clock.systemUTC();

    BinanceTickerController(BinanceSymbols symbols, AssetPrecisions precisions, LiveMarkets books,
                            MarketDataReadModel marketData) {
        this.symbols = symbols;
        this.precisions = precisions;
        this.books = books;
        this.marketData = marketData;
    }

    /**
     * @param prevClosePrice the last trade's price before the window
     * @param openTime       the window is {@code (openTime, closeTime]}: 24 hours up to the request
     */
    record DayTicker(String symbol, String priceChange, String priceChangePercent, String weightedAvgPrice,
                     String prevClosePrice, String lastPrice, String bidPrice, String bidQty, String askPrice,
                     String askQty, String openPrice, String highPrice, String lowPrice, String volume,
                     String quoteVolume, long openTime, long closeTime) {
    }

    record PriceTicker(String symbol, String price) {
    }

    record BookTicker(String symbol, String bidPrice, String bidQty, String askPrice, String askQty) {
    }

    @GetMapping(BinanceError.PATH + "/ticker/24hr")
    Object dayTicker(HttpServletRequest request) {
        Instant now = clock.instant();
        return answer(request, market -> dayTicker(market, now));
    }

    /** The last trade's price ({@code "0.00000000"} before the first trade). */
    @GetMapping(BinanceError.PATH + "/ticker/price")
    Object priceTicker(HttpServletRequest request) {
        return answer(request, market -> new PriceTicker(market.symbol(), Formats.of(market, precisions).price(
                marketData.latestTrades(market.market(), null, 1).stream().findFirst().map(MarketTrade::price).orElse(null))));
    }

    /** The best bid and ask of the live book; zero for an empty side. */
    @GetMapping(BinanceError.PATH + "/ticker/bookTicker")
    Object bookTicker(HttpServletRequest request) {
        return answer(request, market -> {
            Best best = best(market);
            return new BookTicker(market.symbol(), best.bidPrice(), best.bidQty(), best.askPrice(), best.askQty());
        });
    }

    /** One answer for {@code symbol}, a list for {@code symbols} or for every market. */
    private Object answer(HttpServletRequest request, Function<ListedMarket, Object> tickerOf) {
        BinanceParameters parameters = BinanceParameters.of(request, "symbol", "symbols");
        List<ListedMarket> markets = symbols.chosen(parameters);
        List<Object> tickers = markets.stream().map(tickerOf).toList();
        return parameters.has("symbol") ? tickers.getFirst() : tickers;
    }

    private DayTicker dayTicker(ListedMarket market, Instant now) {
        TickerStats stats = marketData.ticker(market.market(), now);
        Formats format = Formats.of(market, precisions);
        Best best = best(market);
        BigDecimal change = stats.priceChange();
        return new DayTicker(market.symbol(), format.price(change),
                BinanceDecimals.ratio(change == null ? null : change.multiply(HUNDRED), stats.open(), PERCENT_SCALE),
                BinanceDecimals.ratio(stats.quoteVolume(), stats.volume(), format.quoteScale()),
                format.price(stats.prevClose()), format.price(stats.last()), best.bidPrice(), best.bidQty(),
                best.askPrice(), best.askQty(), format.price(stats.open()), format.price(stats.high()),
                format.price(stats.low()), format.quantity(stats.volume()), format.quote(stats.quoteVolume()),
                stats.openTime().toEpochMilli(), stats.closeTime().toEpochMilli());
    }

    private record Best(String bidPrice, String bidQty, String askPrice, String askQty) {
    }

    private Best best(ListedMarket market) {
        Formats format = Formats.of(market, precisions);
        Optional<BookDepth> depth = books.depth(market.market(), 1);
        Optional<BookDepth.Level> bid = depth.flatMap(book -> book.bids().stream().findFirst());
        Optional<BookDepth.Level> ask = depth.flatMap(book -> book.asks().stream().findFirst());
        return new Best(format.price(bid.map(BookDepth.Level::price).orElse(null)),
                format.quantity(bid.map(BookDepth.Level::quantity).orElse(null)),
                format.price(ask.map(BookDepth.Level::price).orElse(null)),
                format.quantity(ask.map(BookDepth.Level::quantity).orElse(null)));
    }
}
