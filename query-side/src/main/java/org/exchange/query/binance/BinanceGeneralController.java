package org.exchange.query.binance;

import org.exchange.platform.binance.BinanceDecimals;
import org.exchange.platform.binance.BinanceParameters;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.platform.access.AccessProperties;
import org.exchange.platform.binance.BinanceError;
import org.exchange.query.market.ListedMarket;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binance's general endpoints: {@code ping}, {@code time} and {@code exchangeInfo}, the markets as
 * Binance describes symbols (what ccxt's {@code loadMarkets} reads). Only spot fields: nothing a client
 * would take for a derivative ({@code contractType}, {@code underlying}, {@code deliveryDate}…).
 */
@RestController
class BinanceGeneralController {

    /** What our order types are called on Binance: STOP_MARKET is STOP_LOSS, STOP_LIMIT is STOP_LOSS_LIMIT. */
    static final List<String> ORDER_TYPES = List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT");

    private final BinanceSymbols symbols;
    private final AssetPrecisions precisions;
    private final ObjectProvider<AccessProperties> access;
    private final Clock clock = Clock.systemUTC();

    BinanceGeneralController(BinanceSymbols symbols, AssetPrecisions precisions, ObjectProvider<AccessProperties> access) {
        this.symbols = symbols;
        this.precisions = precisions;
        this.access = access;
    }

    record ServerTime(long serverTime) {
    }

    record RateLimit(String rateLimitType, String interval, int intervalNum, int limit) {
    }

    record ExchangeInfo(String timezone, long serverTime, List<RateLimit> rateLimits, List<Object> exchangeFilters,
                        List<SymbolInfo> symbols) {
    }

    record SymbolInfo(String symbol, String status, String baseAsset, int baseAssetPrecision, String quoteAsset,
                      int quotePrecision, int quoteAssetPrecision, int baseCommissionPrecision,
                      int quoteCommissionPrecision, List<String> orderTypes, boolean icebergAllowed, boolean ocoAllowed,
                      boolean otoAllowed, boolean quoteOrderQtyMarketAllowed, boolean allowTrailingStop,
                      boolean cancelReplaceAllowed, boolean amendAllowed,
                      @JsonProperty("isSpotTradingAllowed") boolean isSpotTradingAllowed,
                      @JsonProperty("isMarginTradingAllowed") boolean isMarginTradingAllowed,
                      List<Map<String, Object>> filters, List<String> permissions, List<List<String>> permissionSets,
                      String defaultSelfTradePreventionMode, List<String> allowedSelfTradePreventionModes) {
    }

    @GetMapping(BinanceError.PATH + "/ping")
    Map<String, Object> ping(HttpServletRequest request) {
        BinanceParameters.of(request);
        return Map.of();
    }

    @GetMapping(BinanceError.PATH + "/time")
    ServerTime time(HttpServletRequest request) {
        BinanceParameters.of(request);
        return new ServerTime(clock.millis());
    }

    /** All symbols, or those of {@code symbol} or {@code symbols} (a JSON array). */
    @GetMapping(BinanceError.PATH + "/exchangeInfo")
    ExchangeInfo exchangeInfo(HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.of(request, "symbol", "symbols");
        List<SymbolInfo> described = symbols.chosen(parameters).stream().map(this::symbol).toList();
        return new ExchangeInfo("UTC", clock.millis(), rateLimits(), List.of(), described);
    }

    private SymbolInfo symbol(ListedMarket market) {
        int base = precisions.of(market.baseAsset());
        int quote = precisions.of(market.quoteAsset());
        // what we do not offer: icebergs, order lists (OCO, OTO), trailing stops, cancel-replace, amending, margin
        boolean iceberg = false;
        boolean oco = false;
        boolean oto = false;
        boolean trailingStop = false;
        boolean cancelReplace = false;
        boolean amend = false;
        boolean margin = false;
        // market buys may spend a quote amount (sells may not: docs/api-guide.md)
        boolean quoteOrderQuantity = true;
        boolean spot = true;
        List<String> selfTradeModes = Arrays.stream(SelfTradeMode.values()).map(Enum::name).toList();
        return new SymbolInfo(market.symbol(), market.trading() ? "TRADING" : "HALT", market.baseAsset(), base,
                market.quoteAsset(), quote, quote, base, quote, ORDER_TYPES, iceberg, oco, oto, quoteOrderQuantity,
                trailingStop, cancelReplace, amend, spot, margin, filters(market, base, quote), List.of("SPOT"),
                List.of(List.of("SPOT")), SelfTradeMode.EXPIRE_TAKER.name(), selfTradeModes);
    }

    /**
     * The market's rules as Binance's filters. We have no price or notional ceiling of our own: the
     * highest price the matching engine can hold (tick × 2⁶³−1, prices are whole ticks in a
     * {@code long}) and that price times the largest quantity are the true bounds. Market orders for
     * a quantity follow the lot rules; the minimum notional holds for market buys by quote amount
     * (which is why {@code applyMinToMarket} is true: a client that heeds it is never refused).
     */
    private static List<Map<String, Object>> filters(ListedMarket market, int base, int quote) {
        BigDecimal maxPrice = market.tickSize().multiply(BigDecimal.valueOf(Long.MAX_VALUE));
        return List.of(
                filter("PRICE_FILTER", "minPrice", BinanceDecimals.of(market.tickSize(), quote),
                        "maxPrice", BinanceDecimals.of(maxPrice, quote), "tickSize", BinanceDecimals.of(market.tickSize(), quote)),
                lots("LOT_SIZE", market, base),
                filter("NOTIONAL", "minNotional", BinanceDecimals.of(market.minNotional(), quote), "applyMinToMarket", true,
                        "maxNotional", BinanceDecimals.of(maxPrice.multiply(market.maxQuantity()), quote),
                        "applyMaxToMarket", false, "avgPriceMins", 0),
                lots("MARKET_LOT_SIZE", market, base));
    }

    private static Map<String, Object> lots(String filterType, ListedMarket market, int base) {
        return filter(filterType, "minQty", BinanceDecimals.of(market.minQuantity(), base),
                "maxQty", BinanceDecimals.of(market.maxQuantity(), base), "stepSize", BinanceDecimals.of(market.stepSize(), base));
    }

    /** A filter: its type first, then the names and values given in pairs, in that order. */
    private static Map<String, Object> filter(String filterType, Object... namesAndValues) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("filterType", filterType);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            filter.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return filter;
    }

    /**
     * Our limits in Binance's words, as sustained rates per second (the buckets also allow bursts:
     * docs/api-guide.md): REQUEST_WEIGHT per client address, every request weighing 1; RAW_REQUESTS
     * per account and per API key.
     */
    private List<RateLimit> rateLimits() {
        AccessProperties properties = access.getIfAvailable();
        if (properties == null || !properties.limits().enabled()) {
            return List.of();
        }
        AccessProperties.RateLimits limits = properties.limits();
        return List.of(new RateLimit("REQUEST_WEIGHT", "SECOND", 1, limits.ip().refillPerSecond()),
                new RateLimit("RAW_REQUESTS", "SECOND", 1,
                        Math.min(limits.account().refillPerSecond(), limits.apiKey().refillPerSecond())));
    }
}
