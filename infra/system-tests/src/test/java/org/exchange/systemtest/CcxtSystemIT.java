package org.exchange.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.testsupport.ApiClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchange.systemtest.RunningStack.ADMIN;
import static org.exchange.systemtest.RunningStack.API;
import static org.exchange.systemtest.RunningStack.demoFee;
import static org.exchange.systemtest.RunningStack.GATEWAY;
import static org.exchange.systemtest.RunningStack.GATEWAY_TOKENS;
import static org.awaitility.Awaitility.await;

/**
 * A trader drives the running exchange with ccxt 4.5.84 from npm ({@code infra/system-tests/ccxt}),
 * as ccxt's users do: the {@code binance} class with only the base URLs and the spot options
 * changed, an API key made through the native API. What ccxt reports is checked against what the
 * native API says: the orders and their states, the fills against the trades, balances, the book,
 * the ticker, the public trades and the candles. A maker trader (native API) gives the ccxt trader
 * something to trade with, in a price band of its own.
 *
 * <p>Three phases of the program: {@code trade} (place, cancel, be refused), {@code read} (once the
 * exchange has settled everything: read it all back), {@code watch} (the WebSocket streams).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CcxtSystemIT {

    private static final String MARKET = "BTC-USDT";

    private static Trader maker;
    private static Trader trader;
    private static CcxtScript ccxt;
    /** The band's price: the maker's asks at P and P + 10, its bid at P − 1000. */
    private static BigDecimal p;
    private static final Map<String, String> ORDER_IDS = new HashMap<>();

    @BeforeAll
    static void aMakerAndATraderWithAnApiKey() {
        maker = Trader.create(API, ADMIN, GATEWAY_TOKENS, "sys-ccxt-maker");
        trader = Trader.create(API, ADMIN, GATEWAY_TOKENS, "sys-ccxt");
        String admin = GATEWAY_TOKENS.token("root", "root");
        maker.fund(admin, "USDT", "10000");
        maker.fund(admin, "BTC", "1");
        trader.fund(admin, "USDT", "10000");
        trader.fund(admin, "BTC", "0.1");
        p = new BigDecimal(ThreadLocalRandom.current().nextInt(31_000, 39_000) + ".00");
        JsonNode depth = API.get("/api/v1/markets/" + MARKET + "/depth?limit=1000", null).json();
        depth.path("bids").forEach(level -> assertThat(new BigDecimal(level.get(0).asText()))
                .as("a bid of someone else in this test's price band: " + depth).isLessThan(p.subtract(new BigDecimal("2000"))));
        depth.path("asks").forEach(level -> assertThat(new BigDecimal(level.get(0).asText()))
                .as("an ask of someone else in this test's price band: " + depth).isGreaterThan(p.add(new BigDecimal("1000"))));
        maker.accepted(maker.limit(MARKET, "SELL", "GTC", plain(p), "0.01000"));
        maker.accepted(maker.limit(MARKET, "SELL", "GTC", plain(p.add(BigDecimal.TEN)), "0.02000"));
        maker.accepted(maker.limit(MARKET, "BUY", "GTC", plain(p.subtract(new BigDecimal("1000"))), "0.02000"));

        Response key = trader.createApiKey("{\"label\":\"ccxt\",\"permissions\":[\"READ\",\"TRADE\"],\"ipAllowList\":[\"127.0.0.1\"]}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        ccxt = new CcxtScript(GATEWAY, key.json().path("apiKey").asText(), key.json().path("secret").asText());
    }

    @AfterAll
    static void leaveNothingResting() {
        if (trader != null) {
            trader.cancelAll(MARKET);
        }
        if (maker != null) {
            maker.cancelAll(MARKET);
        }
    }

    @Test
    @Order(1)
    void ccxtPlacesCancelsAndIsRefusedAsBinanceUsersExpect() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("limitAmount", 0.01);
        input.put("limitPrice", p.subtract(new BigDecimal("500")));
        input.put("postOnlyAmount", 0.01);
        input.put("postOnlyPrice", p.add(new BigDecimal("500")));
        input.put("bestAsk", p);
        input.put("marketAmount", 0.015);
        input.put("marketSellAmount", 0.004);
        input.put("tooMuchAmount", 1000);
        input.put("overMaxAmount", 2000);
        input.put("unknownOrderId", UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(trader.balance("USDT").available()).isEqualByComparingTo("10000");
            assertThat(trader.balance("BTC").available()).isEqualByComparingTo("0.1");
        });
        Map<String, Trader.Balance> before = trader.balances();

        CcxtScript.Run run = ccxt.run("trade", input);

        // loadMarkets: the native market's rules
        JsonNode market = run.value("loadMarkets").path("market");
        JsonNode listed = API.get("/api/v1/markets/" + MARKET, null).json();
        assertThat(market.path("id").asText()).isEqualTo(listed.path("symbol").asText());
        assertThat(market.path("spot").asBoolean()).isTrue();
        assertThat(market.path("active").asBoolean()).isTrue();
        assertSame(market.path("precision").path("price"), listed.path("tickSize").asText(), "price precision");
        assertSame(market.path("precision").path("amount"), listed.path("stepSize").asText(), "amount precision");
        assertSame(market.path("limits").path("amount").path("min"), listed.path("minQuantity").asText(), "min amount");
        assertSame(market.path("limits").path("amount").path("max"), listed.path("maxQuantity").asText(), "max amount");
        assertSame(market.path("limits").path("cost").path("min"), listed.path("minNotional").asText(), "min cost");

        // fetchBalance before trading: the native balances
        JsonNode balanceBefore = run.value("fetchBalance.before");
        for (String asset : List.of("USDT", "BTC")) {
            assertSame(balanceBefore.path(asset).path("free"), before.get(asset).available().toPlainString(), asset + " free");
            assertSame(balanceBefore.path(asset).path("used"), before.get(asset).held().toPlainString(), asset + " used");
        }

        // a limit buy rests: the native order, the same id, ccxt's client order id with the broker prefix
        JsonNode limit = run.value("createOrder.limit");
        assertThat(limit.path("status").asText()).as(run.describe("createOrder.limit")).isEqualTo("open");
        assertThat(limit.path("clientOrderId").asText()).startsWith("x-PFX");
        assertThat(limit.path("info").path("fills")).as("nothing traded on arrival").isEmpty();
        JsonNode nativeLimit = trader.order(limit.path("id").asText()).json();
        assertThat(nativeLimit.path("clientOrderId").asText()).isEqualTo(limit.path("clientOrderId").asText());
        assertSame(limit.path("price"), nativeLimit.path("price").asText(), "limit price");
        assertSame(limit.path("amount"), nativeLimit.path("quantity").asText(), "limit amount");
        ORDER_IDS.put("limit", limit.path("id").asText());

        // post-only: LIMIT_MAKER, rests; one that would take is refused as ccxt expects
        JsonNode postOnly = run.value("createOrder.postOnly");
        assertThat(postOnly.path("postOnly").asBoolean()).as(run.describe("createOrder.postOnly")).isTrue();
        assertThat(postOnly.path("status").asText()).isEqualTo("open");
        assertThat(trader.order(postOnly.path("id").asText()).json().path("type").asText()).isEqualTo("LIMIT_MAKER");
        ORDER_IDS.put("postOnly", postOnly.path("id").asText());
        assertThat(run.refusal("createOrder.postOnlyCrossing")).startsWith("OrderImmediatelyFillable").contains("InvalidOrder");

        // a market buy takes the maker's asks at P and P + 10: the answer's fills are the native trades
        JsonNode bought = run.value("createOrder.market");
        assertThat(bought.path("status").asText()).as(run.describe("createOrder.market")).isEqualTo("closed");
        assertSame(bought.path("filled"), "0.015", "market buy filled");
        BigDecimal firstValue = p.multiply(new BigDecimal("0.01"));
        BigDecimal secondValue = p.add(BigDecimal.TEN).multiply(new BigDecimal("0.005"));
        assertSame(bought.path("cost"), plain(firstValue.add(secondValue)), "market buy cost");
        assertThat(bought.path("info").path("fills")).hasSize(2);
        assertSame(bought.path("fee").path("cost"), plain(demoFee(firstValue).add(demoFee(secondValue))), "market buy fee");
        assertThat(bought.path("fee").path("currency").asText()).isEqualTo("USDT");
        ORDER_IDS.put("market", bought.path("id").asText());

        JsonNode canceled = run.value("cancelOrder");
        assertThat(canceled.path("status").asText()).as(run.describe("cancelOrder")).isEqualTo("canceled");
        assertThat(canceled.path("id").asText()).isEqualTo(ORDER_IDS.get("limit"));

        // after its own bid is gone, a market sell reaches the maker's bid at P − 1000
        JsonNode sold = run.value("createOrder.marketSell");
        assertThat(sold.path("status").asText()).as(run.describe("createOrder.marketSell")).isEqualTo("closed");
        assertThat(sold.path("info").path("fills")).hasSize(1);
        assertSameText(sold.path("info").path("fills").get(0).path("price"), plain(p.subtract(new BigDecimal("1000"))), "sell fill");
        ORDER_IDS.put("marketSell", sold.path("id").asText());

        // refusals as ccxt's error classes
        assertThat(run.refusal("createOrder.insufficientFunds")).startsWith("InsufficientFunds");
        assertThat(run.refusal("createOrder.invalidAmount")).startsWith("InvalidOrder");
        assertThat(run.refusal("fetchOrder.unknown")).startsWith("OrderNotFound");
        assertThat(run.refusal("cancelOrder.unknown")).startsWith("OrderNotFound");
        assertThat(run.refusal("fetchBalance.wrongSecret")).startsWith("AuthenticationError");
        assertThat(run.refusal("fetchBalance.unknownKey")).startsWith("AuthenticationError");

        // the native view, once the orders have settled: their states, and the fills are the trades
        trader.awaitOrder(ORDER_IDS.get("limit"), "CANCELED");
        trader.awaitOrder(ORDER_IDS.get("postOnly"), "NEW");
        trader.awaitOrder(ORDER_IDS.get("market"), "FILLED");
        trader.awaitOrder(ORDER_IDS.get("marketSell"), "FILLED");
        Map<String, JsonNode> trades = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(trader.trades(MARKET)).hasSize(3));
        trader.trades(MARKET).forEach(trade -> trades.put(trade.path("tradeId").asText(), trade));
        for (JsonNode order : List.of(bought, sold)) {
            for (JsonNode fill : order.path("info").path("fills")) {
                JsonNode trade = trades.get(fill.path("tradeId").asText());
                assertThat(trade).as("the native trade of fill " + fill).isNotNull();
                assertThat(trade.path("orderId").asText()).isEqualTo(order.path("id").asText());
                assertSameText(fill.path("price"), trade.path("price").asText(), "fill price");
                assertSameText(fill.path("qty"), trade.path("quantity").asText(), "fill qty");
                assertSameText(fill.path("commission"), trade.path("fee").asText(), "fill commission");
                assertThat(fill.path("commissionAsset").asText()).isEqualTo(trade.path("feeAsset").asText());
            }
        }
    }

    @Test
    @Order(2)
    void ccxtReadsWhatTheNativeApiShows() {
        assertThat(ORDER_IDS).as("the trade phase placed its orders").containsKeys("limit", "postOnly", "market", "marketSell");
        // settled: 10000 USDT less the buys and their fees, plus the sale less its fee; the post-only sell holds 0.01 BTC
        BigDecimal firstValue = p.multiply(new BigDecimal("0.01"));
        BigDecimal secondValue = p.add(BigDecimal.TEN).multiply(new BigDecimal("0.005"));
        BigDecimal saleValue = p.subtract(new BigDecimal("1000")).multiply(new BigDecimal("0.004"));
        BigDecimal usdt = new BigDecimal("10000").subtract(firstValue).subtract(demoFee(firstValue)).subtract(secondValue)
                .subtract(demoFee(secondValue)).add(saleValue).subtract(demoFee(saleValue));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(trader.balance("USDT").total()).isEqualByComparingTo(usdt);
            assertThat(trader.balance("BTC").total()).isEqualByComparingTo("0.111");
            assertThat(trader.balance("BTC").held()).isEqualByComparingTo("0.01");
        });
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("orderIds", List.copyOf(ORDER_IDS.values()));
        input.put("canceledOrderId", ORDER_IDS.get("limit"));

        CcxtScript.Run run = ccxt.run("read", input);

        // the native views, read right after (nothing else trades here in between)
        Map<String, Trader.Balance> balances = trader.balances();
        JsonNode depth = API.get("/api/v1/markets/" + MARKET + "/depth?limit=1000", null).json();
        JsonNode ticker = API.get("/api/v1/markets/" + MARKET + "/ticker", null).json();
        JsonNode publicTrades = API.get("/api/v1/markets/" + MARKET + "/trades?limit=1000", null).json().path("trades");
        JsonNode candles = API.get("/api/v1/markets/" + MARKET + "/candles?interval=1m&limit=1000", null).json();

        JsonNode balance = run.value("fetchBalance");
        for (String asset : List.of("USDT", "BTC")) {
            assertSame(balance.path(asset).path("free"), balances.get(asset).available().toPlainString(), asset + " free");
            assertSame(balance.path(asset).path("used"), balances.get(asset).held().toPlainString(), asset + " used");
            assertSame(balance.path(asset).path("total"), balances.get(asset).total().toPlainString(), asset + " total");
        }

        Map<String, String> states = Map.of("NEW", "open", "PARTIALLY_FILLED", "open", "FILLED", "closed",
                "CANCELED", "canceled", "REJECTED", "rejected", "EXPIRED", "expired");
        for (String id : ORDER_IDS.values()) {
            JsonNode order = run.value("fetchOrder." + id);
            JsonNode nativeOrder = trader.order(id).json();
            assertThat(order.path("status").asText()).as(run.describe("fetchOrder." + id))
                    .isEqualTo(states.get(nativeOrder.path("status").asText()));
            assertThat(order.path("clientOrderId").asText()).isEqualTo(nativeOrder.path("clientOrderId").asText());
            assertThat(order.path("side").asText()).isEqualTo(nativeOrder.path("side").asText().toLowerCase());
            assertSame(order.path("amount"), nativeOrder.path("quantity").asText(), id + " amount");
            assertSame(order.path("filled"), nativeOrder.path("filledQuantity").asText(), id + " filled");
            assertSame(order.path("cost"), nativeOrder.path("filledQuoteQuantity").asText(), id + " cost");
        }

        JsonNode open = run.value("fetchOpenOrders");
        List<String> openIds = new ArrayList<>();
        open.forEach(order -> openIds.add(order.path("id").asText()));
        List<String> nativeOpen = new ArrayList<>();
        trader.orders(MARKET).stream().filter(order -> List.of("NEW", "PARTIALLY_FILLED").contains(order.path("status").asText()))
                .forEach(order -> nativeOpen.add(order.path("orderId").asText()));
        assertThat(openIds).containsExactlyInAnyOrderElementsOf(nativeOpen).containsExactly(ORDER_IDS.get("postOnly"));

        JsonNode myTrades = run.value("fetchMyTrades");
        List<JsonNode> nativeTrades = trader.trades(MARKET);
        assertThat(myTrades).hasSameSizeAs(nativeTrades);
        Map<String, JsonNode> nativeById = new HashMap<>();
        nativeTrades.forEach(trade -> nativeById.put(trade.path("tradeId").asText(), trade));
        for (JsonNode mine : myTrades) {
            JsonNode trade = nativeById.get(mine.path("id").asText());
            assertThat(trade).as("native trade " + mine.path("id")).isNotNull();
            assertThat(mine.path("order").asText()).isEqualTo(trade.path("orderId").asText());
            assertThat(mine.path("side").asText()).isEqualTo(trade.path("side").asText().toLowerCase());
            assertThat(mine.path("takerOrMaker").asText()).isEqualTo(trade.path("liquidity").asText().toLowerCase());
            assertSame(mine.path("price"), trade.path("price").asText(), "my trade price");
            assertSame(mine.path("amount"), trade.path("quantity").asText(), "my trade amount");
            assertSame(mine.path("fee").path("cost"), trade.path("fee").asText(), "my trade fee");
            assertThat(mine.path("timestamp").asLong()).isEqualTo(Instant.parse(trade.path("executedAt").asText()).toEpochMilli());
        }

        assertThat(run.refusal("cancelOrder.closed")).startsWith("OrderNotFound");

        JsonNode book = run.value("fetchOrderBook");
        assertThat(book.path("nonce").asLong()).isEqualTo(depth.path("sequence").asLong());
        assertSameLevels(book.path("bids"), depth.path("bids"), "bids");
        assertSameLevels(book.path("asks"), depth.path("asks"), "asks");

        JsonNode tick = run.value("fetchTicker");
        assertSame(tick.path("last"), ticker.path("last").asText(), "ticker last");
        assertSame(tick.path("open"), ticker.path("open").asText(), "ticker open");
        assertSame(tick.path("high"), ticker.path("high").asText(), "ticker high");
        assertSame(tick.path("low"), ticker.path("low").asText(), "ticker low");
        assertSame(tick.path("baseVolume"), ticker.path("volume").asText(), "ticker volume");
        assertSame(tick.path("quoteVolume"), ticker.path("quoteVolume").asText(), "ticker quote volume");
        assertSame(tick.path("bid"), depth.path("bids").get(0).get(0).asText(), "ticker bid");
        assertSame(tick.path("ask"), depth.path("asks").get(0).get(0).asText(), "ticker ask");

        JsonNode trades = run.value("fetchTrades");
        Map<String, JsonNode> ccxtTrades = new HashMap<>();
        trades.forEach(trade -> ccxtTrades.put(trade.path("id").asText(), trade));
        assertThat(ccxtTrades).hasSize(publicTrades.size());
        for (JsonNode trade : publicTrades) {
            JsonNode seen = ccxtTrades.get(trade.path("sequence").asText());
            assertThat(seen).as("ccxt's trade " + trade.path("sequence")).isNotNull();
            assertSame(seen.path("price"), trade.path("price").asText(), "trade price");
            assertSame(seen.path("amount"), trade.path("quantity").asText(), "trade amount");
            assertThat(seen.path("side").asText()).isEqualTo(trade.path("takerSide").asText().toLowerCase());
            assertThat(seen.path("timestamp").asLong()).isEqualTo(Instant.parse(trade.path("executedAt").asText()).toEpochMilli());
        }

        JsonNode ohlcv = run.value("fetchOHLCV");
        Map<Long, JsonNode> nativeCandles = new HashMap<>();
        candles.path("candles").forEach(candle -> nativeCandles.put(Instant.parse(candle.path("openTime").asText()).toEpochMilli(), candle));
        assertThat(ohlcv).hasSize(nativeCandles.size());
        for (JsonNode row : ohlcv) {
            JsonNode candle = nativeCandles.get(row.get(0).asLong());
            assertThat(candle).as("native candle at " + row.get(0)).isNotNull();
            assertSame(row.get(1), candle.path("open").asText(), "candle open");
            assertSame(row.get(2), candle.path("high").asText(), "candle high");
            assertSame(row.get(3), candle.path("low").asText(), "candle low");
            assertSame(row.get(4), candle.path("close").asText(), "candle close");
            assertSame(row.get(5), candle.path("volume").asText(), "candle volume");
        }

        // Binance's rate-limit usage header, through the gateway, on public and signed answers alike
        for (String step : List.of("headers.public", "headers.signed")) {
            JsonNode headers = run.value(step);
            Map<String, String> byName = new HashMap<>();
            headers.fields().forEachRemaining(header -> byName.put(header.getKey().toLowerCase(), header.getValue().asText()));
            assertThat(byName.get("x-mbx-used-weight-1s")).as(step + " " + headers).matches("[1-9][0-9]*");
        }
    }

    @Test
    @Order(3)
    void ccxtWatchesTheBookTradesAndOrders() {
        JsonNode depthBefore = API.get("/api/v1/markets/" + MARKET + "/depth?limit=1000", null).json();
        BigDecimal watchPrice = p.subtract(new BigDecimal("1500"));
        BigDecimal sellPrice = p.subtract(new BigDecimal("1000"));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("watchAmount", 0.001);
        input.put("watchPrice", watchPrice);
        input.put("watchSellAmount", 0.001);
        input.put("watchSellPrice", sellPrice);

        CcxtScript.Run run = ccxt.run("watch", input);

        JsonNode book = run.value("watchOrderBook");
        assertSameLevels(book.path("bids"), depthBefore.path("bids"), "watched bids");
        assertSameLevels(book.path("asks"), depthBefore.path("asks"), "watched asks");
        JsonNode placed = run.value("createOrder.watched");
        JsonNode updated = run.value("watchOrderBook.update");
        assertThat(updated.path("bids").toString()).as(run.describe("watchOrderBook.update"))
                .contains("[" + watchPrice.stripTrailingZeros().toPlainString() + ",0.001]");

        JsonNode orders = run.value("watchOrders");
        JsonNode watched = null;
        for (JsonNode order : orders) {
            if (order.path("id").asText().equals(placed.path("id").asText())) {
                watched = order;
            }
        }
        assertThat(watched).as(run.describe("watchOrders")).isNotNull();
        JsonNode nativeOrder = trader.order(placed.path("id").asText()).json();
        assertThat(watched.path("status").asText()).isEqualTo("open");
        assertThat(watched.path("clientOrderId").asText()).isEqualTo(nativeOrder.path("clientOrderId").asText());
        assertThat(watched.path("side").asText()).isEqualTo("buy");
        assertSame(watched.path("price"), nativeOrder.path("price").asText(), "watched order price");
        assertSame(watched.path("amount"), nativeOrder.path("quantity").asText(), "watched order amount");

        JsonNode sold = run.value("createOrder.watchedTrade");
        String tradeId = sold.path("info").path("fills").get(0).path("tradeId").asText();
        JsonNode trades = run.value("watchTrades");
        JsonNode nativeTrade = API.get("/api/v1/markets/" + MARKET + "/trades?limit=1", null).json().path("trades").get(0);
        assertThat(nativeTrade.path("tradeId").asText()).isEqualTo(tradeId);
        JsonNode watchedTrade = null;
        for (JsonNode trade : trades) {
            if (trade.path("id").asText().equals(nativeTrade.path("sequence").asText())) {
                watchedTrade = trade;
            }
        }
        assertThat(watchedTrade).as(run.describe("watchTrades")).isNotNull();
        assertSame(watchedTrade.path("price"), nativeTrade.path("price").asText(), "watched trade price");
        assertSame(watchedTrade.path("amount"), nativeTrade.path("quantity").asText(), "watched trade amount");
        assertThat(watchedTrade.path("side").asText()).isEqualTo("sell");
        run.value("cancelOrder.watched");
    }

    /** A ccxt number (a float) is the native decimal exactly. */
    private static void assertSame(JsonNode ccxtNumber, String nativeDecimal, String what) {
        assertThat(ccxtNumber.isNumber()).as(what + ": " + ccxtNumber + " is not a number").isTrue();
        assertThat(new BigDecimal(ccxtNumber.asText())).as(what).isEqualByComparingTo(new BigDecimal(nativeDecimal));
    }

    /** A decimal string of a Binance answer ({@code info}) is the native decimal. */
    private static void assertSameText(JsonNode binanceDecimal, String nativeDecimal, String what) {
        assertThat(binanceDecimal.isTextual()).as(what + ": " + binanceDecimal + " is not a string").isTrue();
        assertThat(new BigDecimal(binanceDecimal.asText())).as(what).isEqualByComparingTo(new BigDecimal(nativeDecimal));
    }

    private static void assertSameLevels(JsonNode ccxtLevels, JsonNode nativeLevels, String what) {
        assertThat(ccxtLevels).as(what + ": " + ccxtLevels + " vs " + nativeLevels).hasSameSizeAs(nativeLevels);
        for (int i = 0; i < nativeLevels.size(); i++) {
            assertSame(ccxtLevels.get(i).get(0), nativeLevels.get(i).get(0).asText(), what + " price " + i);
            assertSame(ccxtLevels.get(i).get(1), nativeLevels.get(i).get(1).asText(), what + " amount " + i);
        }
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
