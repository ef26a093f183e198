package org.exchange.query.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.trade.TradeId;
import org.exchange.api.trade.TradeSettledEvent;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.AnalyticsIndices;
import org.exchange.platform.search.Pseudonyms;
import org.exchange.platform.search.TradeDocument;
import org.exchange.testsupport.Keycloak;
import org.exchange.query.ReadModelDatabase;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.exchange.testsupport.hostile.Breaks;
import org.exchange.testsupport.hostile.Endpoint;
import org.exchange.testsupport.hostile.FuzzReport;
import org.exchange.testsupport.hostile.HostileRequests;
import org.exchange.testsupport.hostile.RawHttp;
import org.exchange.testsupport.hostile.RawHttp.Answer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyst's own search ({@code POST /api/v1/analytics/search}) gets at least 1,000 malformed or
 * hostile requests from a fixed seed ({@code -Dfuzz.seed}, {@code -Dfuzz.requests}; see
 * {@link HostileRequests}): each must be a 4xx problem document without internals, and the analytics
 * indices must hold exactly what they held before. Then the valid search is answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsHostileInputIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 1_000);
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "hostile_search");
    /** Connected from the start: another test JVM's sweep drops {@code it_} databases nobody is connected to. */
    private static final SingleConnectionDataSource OWNER = ReadModelDatabase.connected(COMPONENTS, DATABASE);
    private static final String INDEX_PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MarketId market = MarketId.of("H" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-USDT");
    private String analyst;
    private String trader;

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
    void tradesInTheIndexAndTwoUsers() throws Exception {
        Flyway.configure().dataSource(OWNER).locations("filesystem:../projections/src/main/resources/db/readmodel")
                .load().migrate();
        indices.ensureExists(AnalyticsIndex.TRADES);
        for (long sequence = 1; sequence <= 3; sequence++) {
            TradeSettledEvent trade = new TradeSettledEvent(TradeId.of(market, sequence), market, sequence,
                    new BigDecimal("100.00"), new BigDecimal("0.50000"), new BigDecimal("50.0000000"), OrderId.random(),
                    AccountId.of(UUID.randomUUID().toString()), OrderId.random(), AccountId.of(UUID.randomUUID().toString()),
                    OrderSide.BUY, new BigDecimal("0.05"), new BigDecimal("0.05"), Asset.of("USDT"), AccountId.of("fees"));
            openSearch.index(request -> request.index(indices.alias(AnalyticsIndex.TRADES)).id(trade.tradeId().value())
                    .document(TradeDocument.of(trade, Instant.parse("2026-11-21T10:00:00Z"), new Pseudonyms("tests-only-pseudonym-key-not-a-secret"))));
        }
        openSearch.indices().refresh(request -> request.index(indices.alias(AnalyticsIndex.TRADES)));
        analyst = KEYCLOAK.createUser("it-analyst", "analyst");
        trader = KEYCLOAK.createUser("it-trader", "trader");
    }

    @AfterAll
    void dropIndex() throws Exception {
        openSearch.indices().delete(request -> request.index(INDEX_PREFIX + "*"));
    }

    /** The search as a table line; the breaks of query and aggs are requests OpenSearch or the check must refuse. */
    private Endpoint search() {
        String analystToken = KEYCLOAK.token(analyst, analyst);
        String traderToken = KEYCLOAK.token(trader, trader);
        return Endpoint.post("/api/v1/analytics/search").as(() -> analystToken, () -> traderToken)
                .field("index", "trades", Breaks.enumOf("trades", "orders", "ledger", "candles"))
                .jsonField("size", "10", false, Breaks.count(1000))
                .jsonField("query", "{\"term\":{\"market\":\"" + market.value() + "\"}}", false, Breaks.oneOf(
                        "\"match_all\"", "1", "[]", "true", "{\"nonsense\":{}}", "{\"term\":{\"market\":\"x\\u0000\"}}",
                        "{\"term\":{\"market\":\"x\u202e\"}}", "{\"script\":{\"script\":\"true\"}}",
                        "{\"wrapper\":{\"query\":\"e30=\"}}", "{\"terms\":{\"market\":{\"index\":\"x\",\"id\":\"1\",\"path\":\"p\"}}}",
                        "{\"range\":{\"price\":{\"gte\":1e999999}}}", "{\"bool\":{\"must\":\"x\"}}", "{\"regexp\":{\"market\":\"[\"}}",
                        "{\"term\":{}}", "{\"term\":{\"market\":\"x\"},\"match_all\":{}}", "{\"percolate\":{\"field\":\"x\"}}",
                        "{\"term\":{\"_index\":\"x\"}}", "{\"match_all\":{\"boost\":\"high\"}}",
                        "{\"terms_set\":{\"market\":{\"terms\":[\"x\"],\"minimum_should_match_script\":{\"source\":\"1\"}}}}",
                        "{\"bool\":{\"must\":[".repeat(40) + "{}" + "]}}".repeat(40)))
                .jsonField("aggs", "{\"quote\":{\"sum\":{\"field\":\"quoteQuantityUnits\"}}}", false, Breaks.oneOf(
                        "{\"x\":{\"scripted_metric\":{}}}", "{\"x\":{\"terms\":{\"field\":\"market\",\"size\":50000}}}",
                        "{\"x\":{\"sum\":{\"field\":\"market\",\"script\":\"1\"}}}", "{\"x\":{\"nonsense\":{}}}",
                        "\"x\"", "{\"x\":{\"terms\":{\"field\":\"market\",\"shard_size\":-1}}}", "{\"x\":{\"bucket_script\":{}}}",
                        "{\"x\":{\"terms\":{\"field\":\"mark\\u0000et\"}}}", "{\"x\":{\"sum\":{}}}", "[]"));
    }

    @Test
    void hostileSearchesAreRefusedWithProblemsAndWriteNothing() throws Exception {
        System.out.printf("AnalyticsHostileInputIT: seed %d, %d requests (-Dfuzz.seed=%d repeats this run)%n", SEED, REQUESTS, SEED);
        RawHttp http = new RawHttp("127.0.0.1", port);
        FuzzReport report = new FuzzReport(Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet()));
        String before = analyticsIndices();
        Endpoint search = search();

        HostileRequests requests = new HostileRequests(search, SEED, "127.0.0.1:" + port);
        for (int i = 0; i < REQUESTS; i++) {
            HostileRequests.HostileRequest request = requests.next(i);
            report.record(search, request, http.send(request.bytes()));
        }

        System.out.print(report.summary());
        assertThat(report.failures()).as("answers that are not 4xx problems (seed %d)", SEED).isEmpty();
        assertThat(analyticsIndices()).as("the analytics indices after %d hostile searches", report.requests()).isEqualTo(before);
        Answer valid = http.send(new HostileRequests(search, SEED, "127.0.0.1:" + port).validRequest());
        assertThat(valid.status()).as(valid.body()).isEqualTo(200);
        assertThat(JSON.readTree(valid.body()).path("hits").path("total").path("value").asInt()).isEqualTo(3);
    }

    /** This test's indices with their document counts, as OpenSearch lists them. */
    private String analyticsIndices() throws IOException, InterruptedException {
        HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                COMPONENTS.openSearchUrl() + "/_cat/indices/" + INDEX_PREFIX + "*?h=index,docs.count&s=index")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(INDEX_PREFIX);
        return listed.body();
    }
}
