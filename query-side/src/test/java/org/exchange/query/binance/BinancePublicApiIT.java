package org.exchange.query.binance;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.api.order.OrderSide;
import org.exchange.query.stream.EventTopic;
import org.exchange.query.stream.MarketEvents;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.query.ReadModelDatabase;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Binance-compatible public API ({@code /api/v3}) against the native API's answers for the same
 * data: the real PostgreSQL read model (filled the way the projections fill it), live books from a real
 * Kafka topic of this test's own, real Keycloak tokens, and the real access store for rate limits.
 * Also every refusal in Binance's shape and codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // the shared PostgreSQL has few connections to spare (docs/pitfalls.md)
        "spring.datasource.hikari.maximum-pool-size=4", "exchange.access.store.pool-size=2"})
class BinancePublicApiIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "binance");
    /** Held from creation on: another test JVM's sweep drops {@code it_} databases nobody is connected to. */
    private static final SingleConnectionDataSource OWNER = ReadModelDatabase.connected(COMPONENTS, DATABASE);
    private static final EventTopic TOPIC = new EventTopic(COMPONENTS.kafkaBootstrap(), "it-binance-" + UUID.randomUUID());
    private static final Instant NOW = Instant.now();
    private static final MarketEvents BTC = new MarketEvents(TOPIC, "BTC-USDT");
    private static final Set<String> DERIVATIVE_FIELDS = Set.of("contractType", "underlying", "deliveryDate",
            "expiryDate", "tradability", "marginAsset", "contractSize");

    static {
        // the live books, read by the service before it is ready
        BTC.open();
        BTC.rest("a1", OrderSide.BUY, "114.00", "0.50000");
        BTC.rest("a1", OrderSide.BUY, "113.50", "1.20000");
        BTC.rest("a2", OrderSide.SELL, "116.00", "0.30000");
        BTC.rest("a3", OrderSide.SELL, "116.00", "0.20000");
        BTC.rest("a3", OrderSide.SELL, "117.25", "4.00000");
        new MarketEvents(TOPIC, "ETH-USDT").open();
        new MarketEvents(TOPIC, "SOL-USDT").open();
    }

    private static JdbcClient readModel;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("exchange.events.bootstrap-servers", COMPONENTS::kafkaBootstrap);
        registry.add("exchange.events.topic", TOPIC::name);
    }

    @BeforeAll
    static void readModel() {
        readModel = ReadModel.migrated(OWNER);
        ReadModel.market(readModel, "BTC-USDT", "0.01", "0.00001", "0.00001", "1000", "5", "TRADING");
        ReadModel.market(readModel, "ETH-USDT", "0.01", "0.0001", "0.0001", "500", "10", "TRADING");
        ReadModel.market(readModel, "SOL-USDT", "0.001", "0.01", "0.01", "100000", "1", "HALTED");
        // BTC: relative to now, for the 24-hour ticker and the average price
        trade("BTC-USDT", 1, "BUY", "100.00", "1.00000", NOW.minus(Duration.ofHours(25)));
        trade("BTC-USDT", 2, "SELL", "120.00", "1.00000", NOW.minus(Duration.ofHours(23)));
        trade("BTC-USDT", 3, "BUY", "150.00", "2.00000", NOW.minus(Duration.ofHours(2)));
        trade("BTC-USDT", 4, "BUY", "110.00", "1.00000", NOW.minus(Duration.ofMinutes(3)));
        trade("BTC-USDT", 5, "SELL", "115.00", "3.00000", NOW.minus(Duration.ofMinutes(1)));
        // ETH: fixed times, for trades, aggregate trades and klines
        trade("ETH-USDT", 1, "BUY", "2500.00", "0.1000", Instant.parse("2026-10-20T10:00:05Z"));
        trade("ETH-USDT", 2, "SELL", "2510.50", "0.2500", Instant.parse("2026-10-20T10:00:06Z"));
        trade("ETH-USDT", 3, "BUY", "2490.00", "1.0000", Instant.parse("2026-10-20T10:01:30Z"));
        trade("ETH-USDT", 4, "SELL", "2495.00", "0.5000", Instant.parse("2026-10-20T10:04:59.500Z"));
        trade("ETH-USDT", 5, "BUY", "2505.00", "0.2000", Instant.parse("2026-10-20T10:05:00Z"));
        trade("ETH-USDT", 6, "BUY", "2520.00", "0.3000", Instant.parse("2026-10-21T09:00:00Z"));
        candlesFromTheTape();
    }

    @AfterAll
    static void closeTopic() {
        TOPIC.close();
    }

    @BeforeEach
    void booksAreReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (api().get("/api/v1/markets/BTC-USDT/depth", null).status() != 200) {
            assertThat(System.nanoTime()).as("order books ready").isLessThan(deadline);
            pause();
        }
    }

    @Test
    void pingAndTimeAnswerAsBinanceDoes() {
        assertThat(ok("/api/v3/ping").toString()).isEqualTo("{}");
        long before = System.currentTimeMillis();
        long serverTime = ok("/api/v3/time").path("serverTime").asLong();
        assertThat(serverTime).isBetween(before - 1, System.currentTimeMillis() + 1);
    }

    @Test
    void exchangeInfoDescribesEveryMarketAsASpotSymbolWithItsRules() {
        JsonNode info = ok("/api/v3/exchangeInfo");
        assertThat(info.path("timezone").asText()).isEqualTo("UTC");
        assertThat(info.path("exchangeFilters").isArray()).isTrue();
        assertThat(info.path("rateLimits").toString()).isEqualTo(
                "[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"SECOND\",\"intervalNum\":1,\"limit\":100},"
                        + "{\"rateLimitType\":\"RAW_REQUESTS\",\"interval\":\"SECOND\",\"intervalNum\":1,\"limit\":20}]");
        JsonNode natives = ok("/api/v1/markets").path("markets");
        assertThat(info.path("symbols")).hasSameSizeAs(natives);
        for (JsonNode nativeMarket : natives) {
            JsonNode symbol = symbolNamed(info, nativeMarket.path("symbol").asText());
            assertThat(symbol.path("baseAsset").asText()).isEqualTo(nativeMarket.path("baseAsset").asText());
            assertThat(symbol.path("quoteAsset").asText()).isEqualTo(nativeMarket.path("quoteAsset").asText());
            assertThat(symbol.path("status").asText())
                    .isEqualTo(nativeMarket.path("status").asText().equals("TRADING") ? "TRADING" : "HALT");
            Map<String, JsonNode> filters = filters(symbol);
            assertSameDecimal(filters.get("PRICE_FILTER").path("tickSize"), nativeMarket.path("tickSize"));
            assertSameDecimal(filters.get("PRICE_FILTER").path("minPrice"), nativeMarket.path("tickSize"));
            for (String lots : List.of("LOT_SIZE", "MARKET_LOT_SIZE")) {
                assertSameDecimal(filters.get(lots).path("stepSize"), nativeMarket.path("stepSize"));
                assertSameDecimal(filters.get(lots).path("minQty"), nativeMarket.path("minQuantity"));
                assertSameDecimal(filters.get(lots).path("maxQty"), nativeMarket.path("maxQuantity"));
            }
            assertSameDecimal(filters.get("NOTIONAL").path("minNotional"), nativeMarket.path("minNotional"));
            assertThat(symbol.path("isSpotTradingAllowed").asBoolean()).isTrue();
            assertThat(symbol.path("permissions").toString()).isEqualTo("[\"SPOT\"]");
            assertThat(symbol.path("orderTypes").toString())
                    .isEqualTo("[\"LIMIT\",\"LIMIT_MAKER\",\"MARKET\",\"STOP_LOSS\",\"STOP_LOSS_LIMIT\"]");
            assertThat(names(symbol)).doesNotContainAnyElementsOf(DERIVATIVE_FIELDS);
        }
        // Binance writes decimals with the asset's 8 decimals
        JsonNode btc = symbolNamed(info, "BTCUSDT");
        assertThat(btc.path("baseAssetPrecision").asInt()).isEqualTo(8);
        assertThat(btc.path("quoteAssetPrecision").asInt()).isEqualTo(8);
        assertThat(filters(btc).get("PRICE_FILTER").toString()).isEqualTo("{\"filterType\":\"PRICE_FILTER\","
                + "\"minPrice\":\"0.01000000\",\"maxPrice\":\"92233720368547758.07000000\",\"tickSize\":\"0.01000000\"}");
        assertThat(filters(btc).get("LOT_SIZE").path("stepSize").asText()).isEqualTo("0.00001000");
        assertThat(symbolNamed(info, "SOLUSDT").path("status").asText()).isEqualTo("HALT");

        assertThat(ok("/api/v3/exchangeInfo?symbol=ETHUSDT").path("symbols")).extracting(s -> s.path("symbol").asText())
                .containsExactly("ETHUSDT");
        assertThat(ok("/api/v3/exchangeInfo?symbols=" + symbols("SOLUSDT", "BTCUSDT")).path("symbols"))
                .extracting(s -> s.path("symbol").asText()).containsExactly("SOLUSDT", "BTCUSDT");
    }

    @Test
    void depthIsTheLiveBookAtTheSequenceTheNativeDepthAnswers() {
        JsonNode binance = ok("/api/v3/depth?symbol=BTCUSDT");
        JsonNode nativeDepth = ok("/api/v1/markets/BTC-USDT/depth");

        assertThat(binance.path("lastUpdateId").asLong()).isEqualTo(nativeDepth.path("sequence").asLong())
                .isEqualTo(BTC.sequence());
        assertThat(binance.path("bids").toString())
                .isEqualTo("[[\"114.00000000\",\"0.50000000\"],[\"113.50000000\",\"1.20000000\"]]");
        assertThat(binance.path("asks").toString())
                .isEqualTo("[[\"116.00000000\",\"0.50000000\"],[\"117.25000000\",\"4.00000000\"]]");
        assertSameLevels(binance.path("bids"), nativeDepth.path("bids"));
        assertSameLevels(binance.path("asks"), nativeDepth.path("asks"));
        assertThat(names(binance)).containsExactly("lastUpdateId", "bids", "asks");

        JsonNode top = ok("/api/v3/depth?symbol=BTCUSDT&limit=1");
        assertThat(top.path("bids")).hasSize(1);
        assertThat(top.path("asks").toString()).isEqualTo("[[\"116.00000000\",\"0.50000000\"]]");
        // Binance cuts a limit above 5000 to 5000 instead of refusing it
        assertThat(ok("/api/v3/depth?symbol=BTCUSDT&limit=100000").path("asks")).hasSize(2);
        assertThat(ok("/api/v3/depth?symbol=ETHUSDT").toString())
                .isEqualTo("{\"lastUpdateId\":0,\"bids\":[],\"asks\":[]}");
    }

    @Test
    void recentTradesAreTheNativeTapeOldestFirst() {
        JsonNode binance = ok("/api/v3/trades?symbol=ETHUSDT&limit=3");
        JsonNode natives = ok("/api/v1/markets/ETH-USDT/trades?limit=3").path("trades");

        assertThat(binance).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode trade = binance.get(i);
            JsonNode nativeTrade = natives.get(2 - i);
            assertThat(trade.path("id").asLong()).isEqualTo(nativeTrade.path("sequence").asLong());
            assertSameDecimal(trade.path("price"), nativeTrade.path("price"));
            assertSameDecimal(trade.path("qty"), nativeTrade.path("quantity"));
            assertSameDecimal(trade.path("quoteQty"), nativeTrade.path("quoteQuantity"));
            assertThat(trade.path("time").asLong())
                    .isEqualTo(Instant.parse(nativeTrade.path("executedAt").asText()).toEpochMilli());
            assertThat(trade.path("isBuyerMaker").asBoolean()).isEqualTo(nativeTrade.path("takerSide").asText().equals("SELL"));
            assertThat(trade.path("isBestMatch").asBoolean()).isTrue();
        }
        assertThat(binance.get(0).toString()).isEqualTo("{\"id\":4,\"price\":\"2495.00000000\",\"qty\":\"0.50000000\","
                + "\"quoteQty\":\"1247.50000000\",\"time\":" + Instant.parse("2026-10-20T10:04:59.500Z").toEpochMilli()
                + ",\"isBuyerMaker\":true,\"isBestMatch\":true}");
        assertThat(ok("/api/v3/trades?symbol=ETHUSDT")).extracting(t -> t.path("id").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aggregateTradesAreOneTradeEachFromAnIdOrWithinTimes() {
        assertThat(ok("/api/v3/aggTrades?symbol=ETHUSDT&fromId=2&limit=2").toString()).isEqualTo("["
                + "{\"a\":2,\"p\":\"2510.50000000\",\"q\":\"0.25000000\",\"f\":2,\"l\":2,\"T\":"
                + Instant.parse("2026-10-20T10:00:06Z").toEpochMilli() + ",\"m\":true,\"M\":true},"
                + "{\"a\":3,\"p\":\"2490.00000000\",\"q\":\"1.00000000\",\"f\":3,\"l\":3,\"T\":"
                + Instant.parse("2026-10-20T10:01:30Z").toEpochMilli() + ",\"m\":false,\"M\":true}]");
        // both ends inclusive, to the millisecond
        long start = Instant.parse("2026-10-20T10:00:06Z").toEpochMilli();
        long end = Instant.parse("2026-10-20T10:04:59.500Z").toEpochMilli();
        assertThat(ok("/api/v3/aggTrades?symbol=ETHUSDT&startTime=" + start + "&endTime=" + end))
                .extracting(t -> t.path("a").asLong()).containsExactly(2L, 3L, 4L);
        assertThat(ok("/api/v3/aggTrades?symbol=ETHUSDT&startTime=" + start + "&limit=2"))
                .extracting(t -> t.path("a").asLong()).containsExactly(2L, 3L);
        assertThat(ok("/api/v3/aggTrades?symbol=ETHUSDT&endTime=" + end + "&limit=2"))
                .extracting(t -> t.path("a").asLong()).containsExactly(3L, 4L);
        assertThat(ok("/api/v3/aggTrades?symbol=ETHUSDT&limit=2")).extracting(t -> t.path("a").asLong())
                .containsExactly(5L, 6L);
    }

    @Test
    void klinesAreTheNativeCandlesWithWhatTakersBought() {
        for (String interval : List.of("1s", "1m", "3m", "5m", "1h", "4h", "1d", "1w", "1M")) {
            JsonNode klines = ok("/api/v3/klines?symbol=ETHUSDT&interval=" + interval + "&startTime="
                    + Instant.parse("2026-10-01T00:00:00Z").toEpochMilli());
            JsonNode candles = ok("/api/v1/markets/ETH-USDT/candles?interval=" + interval + "&from=2026-10-01T00:00:00Z")
                    .path("candles");
            assertThat(klines).as(interval).hasSameSizeAs(candles).isNotEmpty();
            for (int i = 0; i < klines.size(); i++) {
                JsonNode kline = klines.get(i);
                JsonNode candle = candles.get(i);
                assertThat(kline).as(interval).hasSize(12);
                assertThat(kline.get(0).asLong()).isEqualTo(Instant.parse(candle.path("openTime").asText()).toEpochMilli());
                assertSameDecimal(kline.get(1), candle.path("open"));
                assertSameDecimal(kline.get(2), candle.path("high"));
                assertSameDecimal(kline.get(3), candle.path("low"));
                assertSameDecimal(kline.get(4), candle.path("close"));
                assertSameDecimal(kline.get(5), candle.path("volume"));
                assertThat(kline.get(6).asLong()).isEqualTo(Instant.parse(candle.path("closeTime").asText()).toEpochMilli());
                assertSameDecimal(kline.get(7), candle.path("quoteVolume"));
                assertThat(kline.get(8).asLong()).isEqualTo(candle.path("trades").asLong());
                assertThat(kline.get(11).asText()).isEqualTo("0");
            }
        }
        // the 10:00 five-minute candle: trades 1-4, of which the takers of 1 and 3 bought
        long tenOClock = Instant.parse("2026-10-20T10:00:00Z").toEpochMilli();
        JsonNode fiveMinutes = ok("/api/v3/klines?symbol=ETHUSDT&interval=5m&startTime=" + tenOClock + "&limit=1");
        assertThat(fiveMinutes.toString()).isEqualTo("[[" + tenOClock + ",\"2500.00000000\",\"2510.50000000\","
                + "\"2490.00000000\",\"2495.00000000\",\"1.85000000\"," + (tenOClock + 300_000 - 1) + ",\"4615.12500000\",4,"
                + "\"1.10000000\",\"2740.00000000\",\"0\"]]");
        assertThat(ok("/api/v3/uiKlines?symbol=ETHUSDT&interval=5m&startTime=" + tenOClock + "&limit=1"))
                .isEqualTo(fiveMinutes);
        // whole candles: a start inside one skips it, an end inside one keeps it
        assertThat(ok("/api/v3/klines?symbol=ETHUSDT&interval=5m&startTime=" + (tenOClock + 1)))
                .extracting(k -> k.get(0).asLong())
                .containsExactly(tenOClock + 300_000, Instant.parse("2026-10-21T09:00:00Z").toEpochMilli());
        assertThat(ok("/api/v3/klines?symbol=ETHUSDT&interval=1m&startTime=" + tenOClock + "&endTime=" + (tenOClock + 90_000)))
                .extracting(k -> k.get(0).asLong()).containsExactly(tenOClock, tenOClock + 60_000);
        assertThat(ok("/api/v3/klines?symbol=ETHUSDT&interval=1m&startTime=" + (tenOClock + 1) + "&endTime="
                + (tenOClock + 2))).isEmpty();
        // without startTime: the latest ones
        assertThat(ok("/api/v3/klines?symbol=ETHUSDT&interval=1h&limit=1")).extracting(k -> k.get(0).asLong())
                .containsExactly(Instant.parse("2026-10-21T09:00:00Z").toEpochMilli());
    }

    @Test
    void tickersAgreeWithTheNativeTickerAndTheLiveBook() {
        JsonNode ticker = ok("/api/v3/ticker/24hr?symbol=BTCUSDT");
        JsonNode nativeTicker = ok("/api/v1/markets/BTC-USDT/ticker");

        assertThat(names(ticker)).containsExactly("symbol", "priceChange", "priceChangePercent",
                "weightedAvgPrice", "prevClosePrice", "lastPrice", "bidPrice", "bidQty", "askPrice", "askQty",
                "openPrice", "highPrice", "lowPrice", "volume", "quoteVolume", "openTime", "closeTime");
        assertSameDecimal(ticker.path("openPrice"), nativeTicker.path("open"));
        assertSameDecimal(ticker.path("highPrice"), nativeTicker.path("high"));
        assertSameDecimal(ticker.path("lowPrice"), nativeTicker.path("low"));
        assertSameDecimal(ticker.path("lastPrice"), nativeTicker.path("last"));
        assertSameDecimal(ticker.path("priceChange"), nativeTicker.path("priceChange"));
        assertSameDecimal(ticker.path("volume"), nativeTicker.path("volume"));
        assertSameDecimal(ticker.path("quoteVolume"), nativeTicker.path("quoteVolume"));
        assertThat(ticker.path("openPrice").asText()).isEqualTo("120.00000000");
        assertThat(ticker.path("lastPrice").asText()).isEqualTo("115.00000000");
        assertThat(ticker.path("priceChange").asText()).isEqualTo("-5.00000000");
        assertThat(ticker.path("priceChangePercent").asText()).isEqualTo("-4.167");
        assertThat(ticker.path("weightedAvgPrice").asText()).isEqualTo("125.00000000");
        assertThat(ticker.path("prevClosePrice").asText()).isEqualTo("100.00000000");
        assertThat(ticker.path("volume").asText()).isEqualTo("7.00000000");
        assertThat(ticker.path("quoteVolume").asText()).isEqualTo("875.00000000");
        assertThat(ticker.path("closeTime").asLong() - ticker.path("openTime").asLong()).isEqualTo(86_400_000);
        JsonNode best = ok("/api/v1/markets/BTC-USDT/depth?limit=1");
        assertSameDecimal(ticker.path("bidPrice"), best.path("bids").get(0).get(0));
        assertSameDecimal(ticker.path("bidQty"), best.path("bids").get(0).get(1));
        assertSameDecimal(ticker.path("askPrice"), best.path("asks").get(0).get(0));
        assertSameDecimal(ticker.path("askQty"), best.path("asks").get(0).get(1));

        JsonNode two = ok("/api/v3/ticker/24hr?symbols=" + symbols("ETHUSDT", "BTCUSDT"));
        assertThat(two).extracting(t -> t.path("symbol").asText()).containsExactly("ETHUSDT", "BTCUSDT");
        // nothing traded on ETH in the last 24 hours, and its book is empty: zeros, as Binance writes them
        assertThat(two.get(0).path("lastPrice").asText()).isEqualTo("0.00000000");
        assertThat(two.get(0).path("priceChangePercent").asText()).isEqualTo("0.000");
        assertThat(two.get(0).path("prevClosePrice").asText()).isEqualTo("2520.00000000");
        assertThat(two.get(0).path("bidPrice").asText()).isEqualTo("0.00000000");
        assertThat(ok("/api/v3/ticker/24hr")).extracting(t -> t.path("symbol").asText())
                .containsExactlyInAnyOrder("BTCUSDT", "ETHUSDT", "SOLUSDT");

        assertThat(ok("/api/v3/ticker/price?symbol=BTCUSDT").toString())
                .isEqualTo("{\"symbol\":\"BTCUSDT\",\"price\":\"115.00000000\"}");
        assertThat(ok("/api/v3/ticker/price?symbols=" + symbols("BTCUSDT", "ETHUSDT")).toString())
                .isEqualTo("[{\"symbol\":\"BTCUSDT\",\"price\":\"115.00000000\"},"
                        + "{\"symbol\":\"ETHUSDT\",\"price\":\"2520.00000000\"}]");
        assertThat(ok("/api/v3/ticker/bookTicker?symbol=BTCUSDT").toString()).isEqualTo("{\"symbol\":\"BTCUSDT\","
                + "\"bidPrice\":\"114.00000000\",\"bidQty\":\"0.50000000\",\"askPrice\":\"116.00000000\","
                + "\"askQty\":\"0.50000000\"}");
        // the last five minutes: (110 × 1 + 115 × 3) / 4
        JsonNode average = ok("/api/v3/avgPrice?symbol=BTCUSDT");
        assertThat(average.path("mins").asInt()).isEqualTo(5);
        assertThat(average.path("price").asText()).isEqualTo("113.75000000");
        assertThat(average.path("closeTime").asLong()).isEqualTo(NOW.minus(Duration.ofMinutes(1)).toEpochMilli());
        // no trade in five minutes: the last price
        assertThat(ok("/api/v3/avgPrice?symbol=ETHUSDT").path("price").asText()).isEqualTo("2520.00000000");
    }

    @Test
    void badRequestsGetBinancesCodes() {
        Map<String, Integer> codes = new LinkedHashMap<>();
        codes.put("/api/v3/depth", -1102);
        codes.put("/api/v3/depth?symbol=", -1102);
        codes.put("/api/v3/depth?symbol=DOGEUSDT", -1121);
        codes.put("/api/v3/depth?symbol=btcusdt", -1100);
        codes.put("/api/v3/depth?symbol=BTCUSDT&limit=ten", -1100);
        codes.put("/api/v3/depth?symbol=BTCUSDT&limit=0", -1130);
        codes.put("/api/v3/depth?symbol=BTCUSDT&side=BUY", -1104);
        codes.put("/api/v3/depth?symbol=BTCUSDT&symbol=ETHUSDT", -1101);
        codes.put("/api/v3/trades?symbol=BTCUSDT&limit=", -1105);
        codes.put("/api/v3/klines?symbol=BTCUSDT", -1102);
        codes.put("/api/v3/klines?symbol=BTCUSDT&interval=2m", -1120);
        codes.put("/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=2&endTime=1", -1023);
        codes.put("/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=99999999999999999999", -1108);
        codes.put("/api/v3/klines?symbol=BTCUSDT&interval=1m&timeZone=8", -1104);
        codes.put("/api/v3/aggTrades?symbol=ETHUSDT&fromId=1&startTime=1", -1128);
        codes.put("/api/v3/ticker/24hr?symbol=BTCUSDT&symbols=" + symbols("ETHUSDT"), -1128);
        codes.put("/api/v3/ticker/price?symbols=BTCUSDT", -1100);
        codes.put("/api/v3/ticker/price?symbols=" + symbols("BTCUSDT", "DOGEUSDT"), -1121);
        codes.put("/api/v3/ticker/price?symbols=" + symbols("BTCUSDT", "BTCUSDT"), -1101);
        codes.put("/api/v3/ticker/bookTicker?symbols=" + symbols(), -1105);
        codes.put("/api/v3/exchangeInfo?symbol=DOGEUSDT", -1121);
        codes.forEach((path, code) -> {
            Response answer = api().get(path, null);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(400);
            assertBinanceError(answer, code, path);
        });
        // Binance's own message for a symbol it does not list
        assertThat(api().get("/api/v3/avgPrice?symbol=DOGEUSDT", null).body())
                .isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    @Test
    void unknownEndpointsCredentialsAndRateLimitsAreRefusedInBinancesShape() {
        Response anonymous = api().get("/api/v3/historicalTrades?symbol=BTCUSDT", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertBinanceError(anonymous, -1002, "anonymous");
        String trader = KEYCLOAK.createUser("it-binance", "trader");
        Response unknown = api().get("/api/v3/historicalTrades?symbol=BTCUSDT", KEYCLOAK.token(trader, trader));
        assertThat(unknown.status()).isEqualTo(404);
        assertBinanceError(unknown, -1020, "unknown endpoint");

        Response noTimestamp = api().request("GET", "/api/v3/depth?symbol=BTCUSDT", null, Map.of("X-MBX-APIKEY", "k"));
        assertThat(noTimestamp.status()).isEqualTo(400);
        assertBinanceError(noTimestamp, -1021, "no timestamp");
        Response unknownKey = api().signed("GET", "/api/v3/depth", "symbol=BTCUSDT", null, "not-a-key", "secret");
        assertThat(unknownKey.status()).isEqualTo(401);
        assertBinanceError(unknownKey, -2015, "unknown key");

        // an address whose bucket is empty and will not refill before tomorrow
        readModel.sql("""
                        insert into access.rate_buckets (bucket, capacity, refill_per_second, milli_tokens, refreshed_at, granted)
                        values ('ip:203.0.113.9', 6000, 100, 0, :tomorrow, false)""")
                .param("tomorrow", Instant.now().plus(Duration.ofDays(1)).toEpochMilli())
                .update();
        Response limited = api().request("GET", "/api/v3/ping", null, Map.of("X-Real-IP", "203.0.113.9"));
        assertThat(limited.status()).isEqualTo(429);
        assertBinanceError(limited, -1003, "rate limited");
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(limited.header("X-MBX-USED-WEIGHT-1S")).isEqualTo("6000");
        Response first = api().request("GET", "/api/v3/ping", null, Map.of("X-Real-IP", "203.0.113.10"));
        assertThat(first.status()).isEqualTo(200);
        // Binance's usage header: this address's first request
        assertThat(first.header("X-MBX-USED-WEIGHT-1S")).isEqualTo("1");
        assertThat(api().request("GET", "/api/v3/ping", null, Map.of("X-Real-IP", "203.0.113.10"))
                .header("X-MBX-USED-WEIGHT-1S")).isIn("1", "2");
    }

    private static void assertBinanceError(Response answer, int code, String what) {
        assertThat(answer.contentType()).as(what).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(names(body)).as(what + " " + answer.body()).containsExactly("code", "msg");
        assertThat(body.path("code").asInt()).as(what + " " + answer.body()).isEqualTo(code);
        assertThat(body.path("msg").asText()).as(what).isNotBlank();
    }

    private static void assertSameDecimal(JsonNode binance, JsonNode nativeValue) {
        assertThat(binance.isTextual()).as("decimals are strings: " + binance).isTrue();
        assertThat(new BigDecimal(binance.asText())).as(binance + " vs " + nativeValue)
                .isEqualByComparingTo(new BigDecimal(nativeValue.asText()));
    }

    private static void assertSameLevels(JsonNode binance, JsonNode nativeLevels) {
        assertThat(binance).hasSameSizeAs(nativeLevels);
        for (int i = 0; i < binance.size(); i++) {
            assertSameDecimal(binance.get(i).get(0), nativeLevels.get(i).get(0));
            assertSameDecimal(binance.get(i).get(1), nativeLevels.get(i).get(1));
        }
    }

    /** A successful answer: 200, and (a Binance rule) never a top-level {@code code}. */
    private JsonNode ok(String path) {
        Response answer = api().get(path, null);
        assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.has("code")).as(path).isFalse();
        return body;
    }

    /** An object's field names, in the order they were written. */
    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode symbolNamed(JsonNode info, String symbol) {
        for (JsonNode candidate : info.path("symbols")) {
            if (candidate.path("symbol").asText().equals(symbol)) {
                return candidate;
            }
        }
        throw new AssertionError("no symbol " + symbol + " in " + info);
    }

    private static Map<String, JsonNode> filters(JsonNode symbol) {
        Map<String, JsonNode> filters = new LinkedHashMap<>();
        symbol.path("filters").forEach(filter -> filters.put(filter.path("filterType").asText(), filter));
        return filters;
    }

    /** A {@code symbols} parameter: a JSON array, URL-encoded as ccxt sends it. */
    private static String symbols(String... names) {
        List<String> quoted = new ArrayList<>();
        for (String name : names) {
            quoted.add("\"" + name + "\"");
        }
        return URLEncoder.encode("[" + String.join(",", quoted) + "]", StandardCharsets.UTF_8);
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static void trade(String market, long sequence, String takerSide, String price, String quantity, Instant at) {
        BigDecimal quote = new BigDecimal(price).multiply(new BigDecimal(quantity)).setScale(8);
        readModel.sql("insert into market_trades values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(market + "-" + sequence, market, sequence, new BigDecimal(price), new BigDecimal(quantity), quote,
                        takerSide, at.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The stored candles (1m, 1h, 1d) of every trade on the tape, as the projection sums them. */
    private static void candlesFromTheTape() {
        for (String[] unit : new String[][] {{"1m", "minute"}, {"1h", "hour"}, {"1d", "day"}}) {
            readModel.sql("""
                            insert into candles (market_id, candle_interval, open_time, open, high, low, close, volume,
                                                 quote_volume, trades, first_sequence, last_sequence, taker_buy_volume,
                                                 taker_buy_quote_volume)
                            select market_id, :interval, date_trunc(:unit, executed_at at time zone 'UTC') at time zone 'UTC',
                                   (array_agg(price order by sequence))[1], max(price), min(price),
                                   (array_agg(price order by sequence desc))[1], sum(quantity), sum(quote_quantity), count(*),
                                   min(sequence), max(sequence),
                                   coalesce(sum(quantity) filter (where taker_side = 'BUY'), 0),
                                   coalesce(sum(quote_quantity) filter (where taker_side = 'BUY'), 0)
                              from market_trades group by market_id, 3""")
                    .param("interval", unit[0])
                    .param("unit", unit[1])
                    .update();
        }
    }
}
