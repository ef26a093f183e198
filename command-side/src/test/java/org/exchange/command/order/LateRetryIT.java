package org.exchange.command.order;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.exchange.command.TestMarkets;
import org.exchange.command.TestTraders;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.ReserveFundsCommand;
import org.exchange.api.common.Asset;
import org.exchange.api.market.BookOutcome;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.SubmitOrderCommand;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderSummary;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.PlaceOrderCommand;
import org.exchange.api.order.TimeInForce;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sees when it retries, with the same client order id, an order whose first request
 * stopped after the book had decided it (the node went away before answering) and whose order saga has
 * not caught up (not running here): the order is still {@code PENDING_NEW}. The market keeps an
 * outcome for 30 s after the decision, or while the order is in the book (ADR 0022): after that, a
 * retry of an order that left the book is answered as the order is, {@code PENDING_NEW}, and neither
 * placed again nor rejected; a retry of an order still resting gets its outcome however late. Time is
 * moved on by Axon's clock (what the market decides and stamps its events with). Through the command
 * side's REST API against the real PostgreSQL, Kafka and Keycloak, without the sagas.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "exchange.sagas.embedded=false")
class LateRetryIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final MarketId MARKET = MarketId.of("BTC-USDT");
    /** 100.00 × 0.10000 plus the higher fee rate of {@link TestMarkets#BTC_USDT} (0.2 %), as the desk holds for a buy. */
    private static final BigDecimal HOLD = new BigDecimal("10.02000000");

    private static TestTraders traders;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate database;
    @Autowired
    CommandGateway commands;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.late-retry." + UUID.randomUUID());
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "lateretry"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void users() {
        traders = TestTraders.create(KEYCLOAK);
    }

    @AfterEach
    void realTime() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private Response buy(TimeInForce timeInForce, String clientOrderId) {
        return api().post("/api/v1/orders", traders.buyerToken(), """
                {"market":"BTC-USDT","side":"BUY","type":"LIMIT","timeInForce":"%s","price":"100.00",
                 "quantity":"0.10000","clientOrderId":"%s"}""".formatted(timeInForce, clientOrderId));
    }

    @Test
    void aLateRetryIsAnsweredAsTheOrderIsAndNeitherPlacesNorRejectsIt() {
        assertThat(api().post("/api/v1/admin/markets", traders.adminToken(), TestMarkets.BTC_USDT).status()).isEqualTo(201);
        Response funded = traders.deposit(api(), traders.buyer(), "USDT", "1000");
        AccountId account = AccountId.of(funded.json().path("accountId").asText());
        // first requests that stopped once the book had answered: an IOC that found nothing (expired,
        // out of the book) and a GTC order that rests
        OrderId expired = firstRequestStoppedAfterTheBook(account, "late-ioc", TimeInForce.IOC);
        OrderId resting = firstRequestStoppedAfterTheBook(account, "late-gtc", TimeInForce.GTC);

        GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(31));
        Response later = buy(TimeInForce.GTC, "later");
        assertThat(later.status()).as("an order decided 31 s later: the market forgets what it decided before")
                .isEqualTo(201);
        Response expiredAgain = buy(TimeInForce.IOC, "late-ioc");
        Response restingAgain = buy(TimeInForce.GTC, "late-gtc");

        assertThat(expiredAgain.status()).as(expiredAgain.body()).isEqualTo(200);
        assertThat(expiredAgain.json().path("orderId").asText()).isEqualTo(expired.value());
        assertThat(expiredAgain.json().path("status").asText()).isEqualTo("PENDING_NEW");
        assertThat(expiredAgain.json().path("duplicate").asBoolean()).isTrue();
        assertThat(bookDecisionsOf(expired)).as("decided once: not placed again, not rejected").isEqualTo(1);
        assertThat(eventsOf(expired, "org.exchange.api.order.OrderRejectedEvent")).isZero();
        assertThat(eventsOf(expired, "org.exchange.api.order.OrderAcceptedEvent")).as("left to the order saga").isZero();

        assertThat(restingAgain.status()).as(restingAgain.body()).isEqualTo(200);
        assertThat(restingAgain.json().path("status").asText()).as("still in the book: its outcome is kept")
                .isEqualTo("NEW");
        assertThat(bookDecisionsOf(resting)).isEqualTo(1);
        Response canceled = api().send("DELETE", "/api/v1/orders/" + resting.value(), traders.buyerToken(), null);
        assertThat(canceled.json().path("status").asText()).as(canceled.body()).isEqualTo("CANCELED");
    }

    /** What the desk does for a new order up to the book's answer; the Order stays PENDING_NEW. */
    private OrderId firstRequestStoppedAfterTheBook(AccountId account, String clientOrderId, TimeInForce timeInForce) {
        OrderId orderId = OrderId.forClient(account, clientOrderId);
        OrderTerms terms = new OrderTerms(MARKET, OrderSide.BUY, OrderType.LIMIT, timeInForce, new BigDecimal("100.00"),
                new BigDecimal("0.10000"), null, null, null);
        OrderSummary placed = commands.sendAndWait(new PlaceOrderCommand(orderId, account, clientOrderId, terms,
                Asset.of("USDT"), HOLD));
        commands.sendAndWait(new ReserveFundsCommand(account, orderId, Asset.of("USDT"), HOLD));
        BookOutcome outcome = commands.sendAndWait(new SubmitOrderCommand(MARKET, orderId, account, terms, HOLD,
                placed.placedAt()));
        assertThat(outcome.status()).isEqualTo(timeInForce == TimeInForce.IOC ? OrderStatus.EXPIRED : OrderStatus.NEW);
        return orderId;
    }

    private long bookDecisionsOf(OrderId orderId) {
        return eventsOf(orderId, "org.exchange.api.market.OrderAcceptedByBookEvent")
                + eventsOf(orderId, "org.exchange.api.market.OrderRejectedByBookEvent");
    }

    private long eventsOf(OrderId orderId, String payloadType) {
        return database.queryForObject("select count(*) from domain_event_entry where payload_type = ? "
                + "and convert_from(payload, 'UTF8') like ?", Long.class, payloadType, "%\"orderId\":\"" + orderId.value() + "\"%");
    }
}
