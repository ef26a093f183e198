package org.exchange.command.order;

import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An account may have at most {@code exchange.limits.max-open-orders} open orders (2 here): the third
 * is refused with {@code 409 TOO_MANY_OPEN_ORDERS}, ends REJECTED and never reaches the book; once a
 * canceled order's hold is released, a new order is accepted. Through the command side's REST API,
 * with the sagas in the process, against the real PostgreSQL, Kafka and Keycloak.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "exchange.limits.max-open-orders=2")
class OpenOrderLimitIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String BTC_USDT = """
            {"base":"BTC","quote":"USDT","tickSize":"0.01","stepSize":"0.00001","minQuantity":"0.00001",
             "maxQuantity":"1000","minNotional":"5","makerFeeRate":"0.001","takerFeeRate":"0.001"}""";

    private static String trader;
    private static String adminToken;
    private static String traderToken;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate database;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.limits." + UUID.randomUUID());
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "limits"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void users() {
        String admin = KEYCLOAK.createUser("it-admin", "admin");
        trader = KEYCLOAK.createUser("it-trader", "trader");
        adminToken = KEYCLOAK.token(admin, admin);
        traderToken = KEYCLOAK.token(trader, trader);
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private Response buy(String clientOrderId) {
        return api().post("/api/v1/orders", traderToken, """
                {"market":"BTC-USDT","side":"BUY","type":"LIMIT","timeInForce":"GTC","price":"100.00",
                 "quantity":"0.10000","clientOrderId":"%s"}""".formatted(clientOrderId));
    }

    @Test
    void theOrderBeyondTheLimitIsRejectedAndACancelMakesRoomForANewOne() {
        assertThat(api().post("/api/v1/admin/markets", adminToken, BTC_USDT).status()).isEqualTo(201);
        Response funded = api().post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"1000\"}".formatted(trader));
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);

        Response first = buy("first");
        Response second = buy("second");
        Response third = buy("third");
        Response thirdAgain = buy("third");

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        // read your writes: a placing answer's position is that of the last event the request wrote (the
        // order's acceptance), so a read at it shows the order, its hold and its place in the book
        assertThat(first.json().path("position").asLong())
                .isEqualTo(lastPositionMentioning(first.json().path("orderId").asText()));
        assertThat(second.json().path("position").asLong())
                .isEqualTo(lastPositionMentioning(second.json().path("orderId").asText()));
        assertThat(third.status()).as(third.body()).isEqualTo(409);
        assertThat(third.isProblem()).isTrue();
        assertThat(third.json().path("code").asText()).isEqualTo("TOO_MANY_OPEN_ORDERS");
        // asking again with the same client order id shows the order: rejected, with the reason
        assertThat(thirdAgain.status()).as(thirdAgain.body()).isEqualTo(200);
        assertThat(thirdAgain.json().path("status").asText()).isEqualTo("REJECTED");
        assertThat(thirdAgain.json().path("reason").asText()).isEqualTo("TOO_MANY_OPEN_ORDERS");
        String thirdId = thirdAgain.json().path("orderId").asText();
        assertThat(heldFor(thirdId)).as("the refused order never held funds").isZero();

        String firstId = first.json().path("orderId").asText();
        Response canceled = api().send("DELETE", "/api/v1/orders/" + firstId, traderToken, null);
        assertThat(canceled.json().path("status").asText()).as(canceled.body()).isEqualTo("CANCELED");
        assertThat(canceled.json().path("position").asLong()).as("covers the order leaving the book")
                .isGreaterThanOrEqualTo(leftTheBook(firstId));
        // the cancel's hold goes back to available a moment after the answer (the order saga releases it)
        await().atMost(Duration.ofSeconds(20)).until(() -> releasedFor(firstId));
        Response fourth = buy("fourth");

        assertThat(fourth.status()).as(fourth.body()).isEqualTo(201);
        assertThat(fourth.json().path("status").asText()).isEqualTo("NEW");
        Response cancelAll = api().send("DELETE", "/api/v1/orders?market=BTC-USDT", traderToken, null);
        assertThat(cancelAll.status()).as(cancelAll.body()).isEqualTo(200);
        assertThat(ids(cancelAll)).as("only the accepted orders were resting in the book")
                .containsExactlyInAnyOrder(second.json().path("orderId").asText(), fourth.json().path("orderId").asText());
    }

    private static List<String> ids(Response cancelAll) {
        List<String> ids = new ArrayList<>();
        cancelAll.json().path("canceledOrderIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private long heldFor(String orderId) {
        return database.queryForObject("select count(*) from domain_event_entry where payload_type = "
                + "'org.exchange.api.account.FundsReservedEvent' and convert_from(payload, 'UTF8') like ?",
                Long.class, "%\"orderId\":\"" + orderId + "\"%");
    }

    /** The highest position among the events that name the order (its own, its hold's, the book's). */
    private long lastPositionMentioning(String orderId) {
        return database.queryForObject("select max(global_index) from domain_event_entry where aggregate_identifier = ?"
                + " or convert_from(payload, 'UTF8') like ?", Long.class, orderId, "%\"orderId\":\"" + orderId + "\"%");
    }

    private long leftTheBook(String orderId) {
        return database.queryForObject("select global_index from domain_event_entry where payload_type = "
                + "'org.exchange.api.market.OrderLeftBookEvent' and convert_from(payload, 'UTF8') like ?",
                Long.class, "%\"orderId\":\"" + orderId + "\"%");
    }

    private boolean releasedFor(String orderId) {
        return database.queryForObject("select count(*) from domain_event_entry where payload_type = "
                + "'org.exchange.api.account.FundsReleasedEvent' and convert_from(payload, 'UTF8') like ?",
                Long.class, "%\"orderId\":\"" + orderId + "\"%") > 0;
    }
}
