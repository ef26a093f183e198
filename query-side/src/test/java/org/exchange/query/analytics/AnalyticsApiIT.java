package org.exchange.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.trade.TradeId;
import org.exchange.api.trade.TradeSettledEvent;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.AnalyticsIndices;
import org.exchange.platform.search.Pseudonyms;
import org.exchange.platform.search.TradeDocument;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.query.ReadModelDatabase;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyst API over a real OpenSearch trades index, filled through the projection's own document
 * class, checked against the same trades in the PostgreSQL read model; real Keycloak tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsApiIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "analytics");
    /** Connected from the start: another test JVM's sweep drops {@code it_} databases nobody is connected to. */
    private static final SingleConnectionDataSource OWNER = ReadModelDatabase.connected(COMPONENTS, DATABASE);
    private static final String INDEX_PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms("tests-only-pseudonym-key-not-a-secret");
    private static final Asset USDT = Asset.of("USDT");
    private static final Instant T0 = Instant.parse("2026-11-21T10:14:30Z");

    private final MarketId market = MarketId.of("A" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-USDT");
    private final AccountId whale = AccountId.of(UUID.randomUUID().toString());
    private final AccountId minnow = AccountId.of(UUID.randomUUID().toString());
    private final AccountId maker = AccountId.of(UUID.randomUUID().toString());
    private JdbcClient readModel;
    private String analystToken;
    private String traderToken;

    @Autowired
    OpenSearchClient openSearch;
    @Autowired
    AnalyticsIndices indices;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("exchange.opensearch.index-prefix", () -> INDEX_PREFIX);
    }

    @BeforeAll
    void tradesInBothReadModels() throws Exception {
        Flyway.configure().dataSource(OWNER).locations("filesystem:../projections/src/main/resources/db/readmodel")
                .load().migrate();
        readModel = JdbcClient.create(OWNER);
        readModel.sql("""
                        insert into markets (market_id, base_asset, quote_asset, tick_size, step_size, min_quantity,
                                             max_quantity, min_notional, maker_fee_rate, taker_fee_rate, status,
                                             last_sequence, opened_at, updated_at)
                        values (:market, :base, 'USDT', 0.01, 0.00001, 0.00001, 1000, 5, 0.001, 0.002, 'TRADING', 0, now(), now())
                        """)
                .param("market", market.value()).param("base", market.base().code()).update();
        // 10:14:30, 10:15:10, 10:59:59.999 | 11:00:00, 13:30:00 — across minutes, quarter hours, hours
        trade(1, "100.00", "0.40000", whale, maker, T0, "0.08000000", "0.04000000");
        trade(2, "101.50", "0.10000", minnow, maker, T0.plusSeconds(40), "0.02030000", "0.01015000");
        trade(3, "99.99", "0.00001", minnow, maker, Instant.parse("2026-11-21T10:59:59.999Z"), "0.00000199", "0.00000099");
        trade(4, "102.00", "2.00000", maker, whale, Instant.parse("2026-11-21T11:00:00Z"), "0.40800000", "0.20400000");
        trade(5, "98.00", "0.33333", whale, maker, Instant.parse("2026-11-21T13:30:00Z"), "0.06533268", "0.03266634");
        openSearch.indices().refresh(request -> request.index(indices.alias(AnalyticsIndex.TRADES)));

        String analyst = KEYCLOAK.createUser("it-analyst", "analyst");
        String trader = KEYCLOAK.createUser("it-trader", "trader");
        analystToken = KEYCLOAK.token(analyst, analyst);
        traderToken = KEYCLOAK.token(trader, trader);
    }

    @AfterAll
    void dropIndex() throws Exception {
        openSearch.indices().delete(request -> request.index(indices.concreteIndex(AnalyticsIndex.TRADES)));
    }

    @Test
    void hourlyVolumeEqualsTheTradesTableHourByHour() {
        Response answer = api().get("/api/v1/analytics/volume?market=" + market.value() + "&interval=1h", analystToken);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode buckets = answer.json().path("buckets");
        List<Map<String, Object>> expected = readModel.sql("""
                        select date_trunc('hour', executed_at at time zone 'UTC') as hour, sum(quantity) as base,
                               sum(quote_quantity) as quote, count(*) as trades
                          from trades where market_id = :market group by 1 order by 1
                        """).param("market", market.value()).query().listOfRows();
        assertThat(buckets).hasSize(expected.size()).hasSize(3);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode bucket = buckets.get(i);
            Map<String, Object> row = expected.get(i);
            assertThat(bucket.path("openTime").asText())
                    .isEqualTo(((java.sql.Timestamp) row.get("hour")).toLocalDateTime().toInstant(ZoneOffset.UTC).toString());
            assertThat(new BigDecimal(bucket.path("baseVolume").asText())).isEqualByComparingTo((BigDecimal) row.get("base"));
            assertThat(new BigDecimal(bucket.path("quoteVolume").asText())).isEqualByComparingTo((BigDecimal) row.get("quote"));
            assertThat(bucket.path("tradeCount").asLong()).isEqualTo((Long) row.get("trades"));
        }
        JsonNode first = buckets.get(0);
        assertThat(first.path("baseVolume").asText()).isEqualTo("0.50001000");
        assertThat(first.path("quoteVolume").asText()).isEqualTo("50.15099990");
        assertThat(first.path("closeTime").asText()).isEqualTo("2026-11-21T10:59:59.999Z");
        // 50.1509999 / 0.50001, half-even to the tick's 2 + 8 decimals
        assertThat(first.path("vwap").asText()).isEqualTo("100.2999938001");
    }

    @Test
    void everyCommonIntervalBucketsTheSameTrades() {
        Map<String, Integer> bucketsPerInterval = Map.of("1m", 5, "5m", 5, "15m", 5, "4h", 2, "1d", 1, "1w", 1, "1M", 1);
        bucketsPerInterval.forEach((interval, count) -> {
            JsonNode answer = api().get("/api/v1/analytics/volume?market=" + market.value() + "&interval=" + interval,
                    analystToken).json();
            long trades = 0;
            for (JsonNode bucket : answer.path("buckets")) {
                trades += bucket.path("tradeCount").asLong();
            }
            assertThat(answer.path("buckets")).as(interval).hasSize(count);
            assertThat(trades).as(interval).isEqualTo(5);
        });
        JsonNode quarter = api().get("/api/v1/analytics/volume?market=" + market.value() + "&interval=15m", analystToken)
                .json().path("buckets");
        assertThat(quarter.get(0).path("openTime").asText()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(quarter.get(1).path("openTime").asText()).isEqualTo("2026-11-21T10:15:00Z");
    }

    @Test
    void aPeriodKeepsTradesFromItsStartUntilBeforeItsEnd() {
        JsonNode buckets = api().get("/api/v1/analytics/volume?market=" + market.value()
                + "&interval=1d&from=2026-11-21T10:59:59.999Z&to=2026-11-21T13:30:00Z", analystToken).json().path("buckets");

        assertThat(buckets).hasSize(1);
        assertThat(buckets.get(0).path("tradeCount").asLong()).isEqualTo(2);
        assertThat(buckets.get(0).path("baseVolume").asText()).isEqualTo("2.00001000");
    }

    @Test
    void feeRevenueEqualsTheTradesTable() {
        JsonNode fees = api().get("/api/v1/analytics/fees?market=" + market.value(), analystToken).json().path("fees");

        BigDecimal expected = readModel.sql("select sum(buyer_fee + seller_fee) from trades where market_id = :market")
                .param("market", market.value()).query(BigDecimal.class).single();
        assertThat(fees).hasSize(1);
        assertThat(fees.get(0).path("market").asText()).isEqualTo(market.value());
        assertThat(fees.get(0).path("asset").asText()).isEqualTo("USDT");
        assertThat(fees.get(0).path("amount").asText()).isEqualTo("0.86045200");
        assertThat(new BigDecimal(fees.get(0).path("amount").asText())).isEqualByComparingTo(expected);
        assertThat(fees.get(0).path("tradeCount").asLong()).isEqualTo(5);
    }

    @Test
    void topAccountsRankByQuoteVolumeUnderPseudonyms() {
        Response answer = api().get("/api/v1/analytics/top-accounts?market=" + market.value() + "&limit=2", analystToken);

        JsonNode accounts = answer.json().path("accounts");
        assertThat(accounts).hasSize(2);
        // maker: every trade; whale: 40.00 + 204.00 + 32.66634
        assertThat(accounts.get(0).path("account").asText()).isEqualTo(PSEUDONYMS.of(maker.value()));
        assertThat(accounts.get(0).path("tradeCount").asLong()).isEqualTo(5);
        assertThat(accounts.get(0).path("quoteVolume").asText()).isEqualTo("286.81733990");
        assertThat(accounts.get(1).path("account").asText()).isEqualTo(PSEUDONYMS.of(whale.value()));
        assertThat(accounts.get(1).path("quoteVolume").asText()).isEqualTo("276.66634000");
        assertThat(answer.body()).doesNotContain(whale.value()).doesNotContain(maker.value()).doesNotContain(minnow.value());
    }

    @Test
    void anAnalystRunsTheirOwnAggregation() {
        Response answer = api().post("/api/v1/analytics/search", analystToken, """
                {"index":"trades","size":0,
                 "query":{"term":{"market":"%s"}},
                 "aggs":{"byTaker":{"terms":{"field":"takerSide"},"aggs":{"quote":{"sum":{"field":"quoteQuantityUnits"}}}}}}
                """.formatted(market.value()));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("hits").path("total").path("value").asLong()).isEqualTo(5);
        assertThat(json.path("aggregations").path("byTaker").path("buckets").get(0).path("quote").path("value").asLong())
                .isEqualTo(28_681_733_990L);
        assertThat(json.has("_shards")).isFalse();
    }

    @Test
    void searchesReachingBeyondTheAnalyticsIndicesOrRunningScriptsAreRefused() {
        Map<String, String> refused = new HashMap<>();
        refused.put("another index", "{\"index\":\"exchange-orders-v1\",\"query\":{\"match_all\":{}}}");
        refused.put("every index", "{\"index\":\"_all\"}");
        refused.put("no index", "{\"query\":{\"match_all\":{}}}");
        refused.put("script query", "{\"index\":\"trades\",\"query\":{\"bool\":{\"filter\":[{\"script\":{\"script\":{\"source\":\"true\"}}}]}}}");
        refused.put("stored script", "{\"index\":\"trades\",\"aggs\":{\"x\":{\"sum\":{\"script\":{\"id\":\"my-script\"}}}}}");
        refused.put("scripted metric", "{\"index\":\"trades\",\"aggs\":{\"x\":{\"scripted_metric\":{\"map_script\":\"1\"}}}}");
        refused.put("runtime fields", "{\"index\":\"trades\",\"runtime_mappings\":{\"x\":{\"type\":\"long\"}}}");
        refused.put("script fields", "{\"index\":\"trades\",\"script_fields\":{\"x\":{\"script\":\"1\"}}}");
        refused.put("terms lookup", "{\"index\":\"trades\",\"query\":{\"terms\":{\"market\":{\"index\":\"exchange-orders\",\"id\":\"1\",\"path\":\"x\"}}}}");
        refused.put("_index filter", "{\"index\":\"trades\",\"query\":{\"term\":{\"_index\":\"exchange-ledger\"}}}");
        // a base64-wrapped query would carry a script past the check; scripts under other names
        refused.put("wrapper query", "{\"index\":\"trades\",\"query\":{\"wrapper\":{\"query\":\""
                + java.util.Base64.getEncoder().encodeToString("{\"script\":{\"script\":\"true\"}}".getBytes()) + "\"}}}");
        refused.put("terms_set script", "{\"index\":\"trades\",\"query\":{\"terms_set\":{\"market\":{\"terms\":[\"x\"],"
                + "\"minimum_should_match_script\":{\"source\":\"1\"}}}}}");
        refused.put("script sort", "{\"index\":\"trades\",\"sort\":{\"_script\":{\"type\":\"number\",\"order\":\"asc\"}}}");
        refused.forEach((what, body) -> {
            Response answer = api().post("/api/v1/analytics/search", analystToken, body);
            assertThat(answer.status()).as(what).isEqualTo(400);
            assertThat(answer.isProblem()).as(what).isTrue();
            assertThat(answer.json().path("code").asText()).as(what).isEqualTo("FORBIDDEN_QUERY");
        });
    }

    @Test
    void oversizedAndMalformedSearchesAreRefusedWithTheirCodes() {
        Response oversized = api().post("/api/v1/analytics/search", analystToken, "{\"index\":\"trades\",\"size\":1001}");
        Response oversizedTerms = api().post("/api/v1/analytics/search", analystToken,
                "{\"index\":\"trades\",\"aggs\":{\"x\":{\"terms\":{\"field\":\"market\",\"size\":50000}}}}");
        Response malformed = api().post("/api/v1/analytics/search", analystToken, "{\"index\":\"trades\",");
        Response atTheBound = api().post("/api/v1/analytics/search", analystToken, "{\"index\":\"trades\",\"size\":1000}");

        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.json().path("code").asText()).isEqualTo("LIMIT_TOO_LARGE");
        assertThat(oversizedTerms.json().path("code").asText()).isEqualTo("LIMIT_TOO_LARGE");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(malformed.json().path("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(atTheBound.status()).isEqualTo(200);
    }

    @Test
    void badParametersAreRefusedWithTheirCodes() {
        Map<String, String> expected = new HashMap<>();
        expected.put("/api/v1/analytics/volume?market=NOPE-USDT&interval=1h", "404 UNKNOWN_MARKET");
        expected.put("/api/v1/analytics/volume?market=not-a-market&interval=1h", "404 UNKNOWN_MARKET");
        expected.put("/api/v1/analytics/volume?market=" + market.value() + "&interval=7m", "400 INVALID_INTERVAL");
        expected.put("/api/v1/analytics/volume?market=" + market.value(), "400 VALIDATION_FAILED");
        expected.put("/api/v1/analytics/volume?market=" + market.value() + "&interval=1h&from=yesterday", "400 VALIDATION_FAILED");
        expected.put("/api/v1/analytics/volume?market=" + market.value()
                + "&interval=1h&from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z", "400 VALIDATION_FAILED");
        expected.put("/api/v1/analytics/fees?market=NOPE-USDT", "404 UNKNOWN_MARKET");
        expected.put("/api/v1/analytics/top-accounts?market=" + market.value() + "&limit=101", "400 LIMIT_TOO_LARGE");
        expected.put("/api/v1/analytics/top-accounts?market=" + market.value() + "&limit=0", "400 VALIDATION_FAILED");
        expected.forEach((path, outcome) -> {
            Response answer = api().get(path, analystToken);
            assertThat(answer.status() + " " + answer.json().path("code").asText()).as(path).isEqualTo(outcome);
            assertThat(answer.isProblem()).as(path).isTrue();
        });
    }

    @Test
    void onlyAnalystsMayAsk() {
        String volume = "/api/v1/analytics/volume?market=" + market.value() + "&interval=1h";

        assertThat(api().get(volume, traderToken).status()).isEqualTo(403);
        assertThat(api().get(volume, traderToken).json().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(api().get(volume, null).status()).isEqualTo(401);
        assertThat(api().post("/api/v1/analytics/search", traderToken, "{\"index\":\"trades\"}").status()).isEqualTo(403);
        assertThat(api().post("/api/v1/analytics/search", null, "{\"index\":\"trades\"}").status()).isEqualTo(401);
    }

    /** One settled trade, in the trades table and (through the projection's document) in the index. */
    private void trade(long sequence, String price, String quantity, AccountId buyer, AccountId seller, Instant at,
                       String buyerFee, String sellerFee) throws Exception {
        BigDecimal quote = new BigDecimal(price).multiply(new BigDecimal(quantity));
        TradeSettledEvent event = new TradeSettledEvent(TradeId.of(market, sequence), market, sequence,
                new BigDecimal(price), new BigDecimal(quantity), quote, OrderId.random(), buyer, OrderId.random(), seller,
                OrderSide.BUY, new BigDecimal(buyerFee), new BigDecimal(sellerFee), USDT, AccountId.of("fees"));
        readModel.sql("""
                        insert into trades (trade_id, market_id, sequence, price, quantity, quote_quantity,
                                            buyer_order_id, buyer_account_id, seller_order_id, seller_account_id,
                                            taker_side, buyer_fee, seller_fee, fee_asset, executed_at)
                        values (:trade, :market, :sequence, :price, :quantity, :quote, :buyerOrder, :buyer, :sellerOrder,
                                :seller, 'BUY', :buyerFee, :sellerFee, 'USDT', :at)
                        """)
                .param("trade", event.tradeId().value()).param("market", market.value()).param("sequence", sequence)
                .param("price", event.price()).param("quantity", event.quantity()).param("quote", quote)
                .param("buyerOrder", event.buyerOrderId().value()).param("buyer", buyer.value())
                .param("sellerOrder", event.sellerOrderId().value()).param("seller", seller.value())
                .param("buyerFee", event.buyerFee()).param("sellerFee", event.sellerFee())
                .param("at", at.atOffset(ZoneOffset.UTC)).update();
        indices.ensureExists(AnalyticsIndex.TRADES);
        openSearch.index(request -> request.index(indices.alias(AnalyticsIndex.TRADES)).id(event.tradeId().value())
                .document(TradeDocument.of(event, at, PSEUDONYMS)));
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }
}
