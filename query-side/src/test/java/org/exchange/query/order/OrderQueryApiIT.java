package org.exchange.query.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.query.ReadModelDatabase;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.flywaydb.core.Flyway;
import org.exchange.platform.access.ApiKeys;
import org.exchange.platform.security.Caller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trader's orders and trades through the query side's API, with real Keycloak tokens, read from
 * the real PostgreSQL read model (created by the projections' migrations and filled here the way
 * the projections fill it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "exchange.query.fresh-order.max-wait=1500ms"})
class OrderQueryApiIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "query");
    /**
     * Connected from the start and never closed: ThrowawayDatabase's sweep in another test JVM drops
     * any {@code it_} database nobody is connected to, and the service connects only seconds later.
     */
    private static final SingleConnectionDataSource OWNER = ReadModelDatabase.connected(COMPONENTS, DATABASE);
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

    private static String alice;
    private static String aliceToken;
    private static String bob;
    private static String bobToken;
    private static String auditorToken;
    private static JdbcClient readModel;

    @LocalServerPort
    int port;
    @Autowired
    ApiKeys apiKeys;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void readModelAndUsers() {
        Flyway.configure().dataSource(OWNER).locations("filesystem:../projections/src/main/resources/db/readmodel")
                .load().migrate();
        readModel = JdbcClient.create(OWNER);
        String aliceName = KEYCLOAK.createUser("it-alice", "trader");
        String bobName = KEYCLOAK.createUser("it-bob", "trader");
        String auditor = KEYCLOAK.createUser("it-auditor", "auditor");
        alice = KEYCLOAK.userId(aliceName);
        bob = KEYCLOAK.userId(bobName);
        aliceToken = KEYCLOAK.token(aliceName, aliceName);
        bobToken = KEYCLOAK.token(bobName, bobName);
        auditorToken = KEYCLOAK.token(auditor, auditor);
    }

    @Test
    void aTraderReadsTheirOrderWithDecimalsAsPlainStrings() {
        String order = insertOrder(alice, "BTC-USDT", "PARTIALLY_FILLED", T0);

        Response answer = api().get("/api/v1/orders/" + order, aliceToken);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("orderId").asText()).isEqualTo(order);
        assertThat(json.path("clientOrderId").asText()).isEqualTo("client-" + order.substring(0, 8));
        assertThat(json.path("market").asText()).isEqualTo("BTC-USDT");
        assertThat(json.path("side").asText()).isEqualTo("BUY");
        assertThat(json.path("type").asText()).isEqualTo("LIMIT");
        assertThat(json.path("timeInForce").asText()).isEqualTo("GTC");
        assertThat(json.path("price").asText()).isEqualTo("100.00");
        assertThat(json.path("quantity").asText()).isEqualTo("1.00000");
        assertThat(json.path("status").asText()).isEqualTo("PARTIALLY_FILLED");
        assertThat(json.path("filledQuantity").isTextual()).isTrue();
        assertThat(json.path("filledQuantity").asText()).isEqualTo("0.40000");
        assertThat(json.path("filledQuoteQuantity").asText()).isEqualTo("40.00000000");
        assertThat(json.path("fees").asText()).isEqualTo("0.00000001");
        assertThat(json.path("createdAt").asText()).isEqualTo("2026-11-21T10:00:00.123456Z");
        assertThat(json.has("averagePrice")).isTrue();
        assertThat(json.path("averagePrice").isNull()).isTrue();
        assertThat(json.path("quoteQuantity").isNull()).isTrue();
    }

    @Test
    void aBotReadsItsOwnersOrdersWithASignedRequest() {
        String order = insertOrder(alice, "BTC-USDT", "NEW", T0);
        ApiKeys.Created reader = apiKeys.create(new Caller(alice, "alice", Set.of("trader"), null), "reader",
                List.of("READ"), List.of());
        ApiKeys.Created trader = apiKeys.create(new Caller(alice, "alice", Set.of("trader"), null), "trader",
                List.of("TRADE"), List.of());

        Response read = api().signed("GET", "/api/v1/orders/" + order, "", null, reader.key().apiKey(), reader.secret());
        Response withoutRead = api().signed("GET", "/api/v1/orders/" + order, "", null, trader.key().apiKey(),
                trader.secret());
        Response badSignature = api().signed("GET", "/api/v1/orders/" + order, "", null, reader.key().apiKey(),
                trader.secret());

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("orderId").asText()).isEqualTo(order);
        assertThat(read.header("X-RateLimit-Remaining")).isNotNull();
        assertThat(withoutRead.status()).isEqualTo(403);
        assertThat(withoutRead.json().path("code").asText()).isEqualTo("API_KEY_NOT_PERMITTED");
        assertThat(badSignature.status()).isEqualTo(401);
        assertThat(badSignature.json().path("code").asText()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void anotherAccountsOrderIsAnsweredExactlyLikeAnUnknownOne() {
        String bobsOrder = insertOrder(bob, "BTC-USDT", "NEW", T0);

        Response notYours = api().get("/api/v1/orders/" + bobsOrder, aliceToken);
        Response unknown = api().get("/api/v1/orders/" + UUID.randomUUID(), aliceToken);

        assertThat(notYours.status()).isEqualTo(404);
        assertThat(notYours.isProblem()).isTrue();
        assertThat(notYours.json().path("code").asText()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(withoutInstance(notYours)).isEqualTo(withoutInstance(unknown));
    }

    @Test
    void anOrderPlacedAMomentAgoIsAnsweredOnceTheProjectionHasIt() {
        String order = UUID.randomUUID().toString();
        long started = System.nanoTime();
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> api().get("/api/v1/orders/" + order, aliceToken));
        sleep(Duration.ofMillis(300));
        insertOrder(order, alice, "BTC-USDT", "PENDING_NEW", Instant.now());

        Response found = answer.join();

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("status").asText()).isEqualTo("PENDING_NEW");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_400));
    }

    @Test
    void anIdTheCommandSideNeverIssuesIsAnsweredWithoutWaiting() {
        long started = System.nanoTime();

        Response answer = api().get("/api/v1/orders/my-order-1", aliceToken);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("code").asText()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_000));
    }

    @Test
    void ordersAreListedNewestFirstPageByPage() {
        String name = KEYCLOAK.createUser("it-pages", "trader");
        String trader = KEYCLOAK.userId(name);
        String token = KEYCLOAK.token(name, name);
        String oldest = insertOrder(trader, "BTC-USDT", "FILLED", T0);
        String middle = insertOrder(trader, "ETH-USDT", "NEW", T0.plusSeconds(1));
        String newest = insertOrder(trader, "BTC-USDT", "NEW", T0.plusSeconds(2));
        insertOrder(bob, "BTC-USDT", "NEW", T0.plusSeconds(3));

        JsonNode first = api().get("/api/v1/orders?limit=2", token).json();
        assertThat(ids(first.path("orders"), "orderId")).containsExactly(newest, middle);
        JsonNode second = api().get("/api/v1/orders?limit=2&cursor=" + first.path("nextCursor").asText(), token).json();
        assertThat(ids(second.path("orders"), "orderId")).containsExactly(oldest);
        assertThat(second.path("nextCursor").isNull()).isTrue();

        assertThat(ids(api().get("/api/v1/orders?market=BTC-USDT&status=NEW", token).json().path("orders"), "orderId"))
                .containsExactly(newest);
        assertThat(ids(api().get("/api/v1/orders?from=" + T0.plusSeconds(1) + "&to=" + T0.plusSeconds(2), token).json()
                .path("orders"), "orderId")).containsExactly(middle);
    }

    @Test
    void aBadCursorLimitOrStatusIsRefused() {
        Map<String, String> codes = Map.of("cursor=not-a-cursor", "INVALID_CURSOR", "cursor=YzF8eHx5", "INVALID_CURSOR",
                "limit=0", "VALIDATION_FAILED", "limit=501", "LIMIT_TOO_LARGE", "limit=ten", "VALIDATION_FAILED",
                "status=OPEN", "VALIDATION_FAILED", "from=yesterday", "VALIDATION_FAILED",
                "from=2026-11-21T10:00:00Z&to=2026-11-21T09:00:00Z", "VALIDATION_FAILED");
        codes.forEach((query, code) -> {
            Response answer = api().get("/api/v1/orders?" + query, aliceToken);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().path("code").asText()).as(query).isEqualTo(code);
        });
    }

    @Test
    void eachTraderSeesATradeFromTheirSide() {
        String trade = "BTC-USDT-" + System.nanoTime();
        readModel.sql("""
                        insert into trades (trade_id, market_id, sequence, price, quantity, quote_quantity, buyer_order_id,
                                            buyer_account_id, seller_order_id, seller_account_id, taker_side, buyer_fee,
                                            seller_fee, fee_asset, executed_at)
                        values (?, 'BTC-USDT', 1, 100.00, 0.40000, 40.00000000, 'buy-order', ?, 'sell-order', ?, 'BUY',
                                0.04000000, 0.02000000, 'USDT', ?)""")
                .params(trade, alice, bob, OffsetDateTime.ofInstant(T0, ZoneOffset.UTC))
                .update();

        JsonNode asBuyer = tradeNamed(api().get("/api/v1/trades?market=BTC-USDT", aliceToken).json(), trade);
        JsonNode asSeller = tradeNamed(api().get("/api/v1/trades", bobToken).json(), trade);

        assertThat(asBuyer.path("side").asText()).isEqualTo("BUY");
        assertThat(asBuyer.path("liquidity").asText()).isEqualTo("TAKER");
        assertThat(asBuyer.path("fee").asText()).isEqualTo("0.04000000");
        assertThat(asBuyer.path("orderId").asText()).isEqualTo("buy-order");
        assertThat(asBuyer.path("price").asText()).isEqualTo("100.00");
        assertThat(asBuyer.path("quantity").asText()).isEqualTo("0.40000");
        assertThat(asSeller.path("side").asText()).isEqualTo("SELL");
        assertThat(asSeller.path("liquidity").asText()).isEqualTo("MAKER");
        assertThat(asSeller.path("fee").asText()).isEqualTo("0.02000000");
        assertThat(asSeller.path("feeAsset").asText()).isEqualTo("USDT");
    }

    @Test
    void onlyTradersReadOrdersAndTrades() {
        for (String path : new String[]{"/api/v1/orders", "/api/v1/trades", "/api/v1/orders/" + UUID.randomUUID()}) {
            Response auditor = api().get(path, auditorToken);
            assertThat(auditor.status()).as(path).isEqualTo(403);
            assertThat(auditor.json().path("code").asText()).as(path).isEqualTo("FORBIDDEN");
            assertThat(api().get(path, null).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void theOpenApiDescriptionIsPublic() {
        Response answer = api().get("/v3/api-docs", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("openapi").asText()).startsWith("3.");
        assertThat(answer.json().path("paths").has("/api/v1/orders/{orderId}")).isTrue();
        assertThat(answer.json().path("paths").has("/api/v1/trades")).isTrue();
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private static String insertOrder(String account, String market, String status, Instant createdAt) {
        String order = UUID.randomUUID().toString();
        insertOrder(order, account, market, status, createdAt);
        return order;
    }

    private static void insertOrder(String order, String account, String market, String status, Instant createdAt) {
        readModel.sql("""
                        insert into orders (order_id, account_id, client_order_id, market_id, side, type, time_in_force,
                                            price, quantity, status, filled_quantity, filled_quote_quantity, fees,
                                            fee_asset, last_sequence, created_at, updated_at)
                        values (?, ?, ?, ?, 'BUY', 'LIMIT', 'GTC', 100.00, 1.00000, ?, 0.40000, 40.00000000, ?, 'USDT',
                                2, ?, ?)""")
                .params(order, account, "client-" + order.substring(0, 8), market, status, new BigDecimal("1E-8"),
                        OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC), OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update();
    }

    private static List<String> ids(JsonNode items, String field) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    private static JsonNode tradeNamed(JsonNode page, String tradeId) {
        for (JsonNode trade : page.path("trades")) {
            if (trade.path("tradeId").asText().equals(tradeId)) {
                return trade;
            }
        }
        throw new AssertionError("trade " + tradeId + " not in " + page);
    }

    private static JsonNode withoutInstance(Response problem) {
        ObjectNode json = (ObjectNode) problem.json();
        json.remove("instance");
        return json;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
