package org.exchange.command.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.exchange.api.account.AccountId;
import org.exchange.api.market.MarketId;
import org.exchange.command.EventStoreBalances;
import org.exchange.command.TestMarkets;
import org.exchange.command.TestTraders;
import org.exchange.command.trade.TradeSettlementHandler;
import org.exchange.saga.order.OrderSaga;
import org.exchange.saga.trade.TradeSettlement;
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

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Duplicate and out-of-order delivery to the order saga and the trade settlement (issue 9), on the real
 * PostgreSQL event store through the command side's own Axon configuration (sagas in the process, as
 * {@code ./exchange up} runs them), with orders placed through the REST API by real Keycloak users.
 * <p>
 * A redelivery is made the way a crash makes one: the processors stop, their stored tokens go back to
 * an earlier position (as if the tokens of those batches had never been stored) and they start again,
 * so every event since then reaches the sagas and the settlement a second time, after later events
 * they had already handled: the placements of orders whose sagas have ended start new sagas, a live
 * saga sees its events again, every trade is settled again. A trader must see nothing of it: balances,
 * holds and order states as before, no trade settled twice, nothing written to the event store, and no
 * saga left waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SagaRedeliveryIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static TestTraders traders;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate database;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokens;
    @Autowired
    TransactionManager transactions;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.redelivery." + UUID.randomUUID());
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "redelivery"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void users() {
        traders = TestTraders.create(KEYCLOAK);
    }

    @Test
    void eventsDeliveredAgainAfterLaterOnesChangeNothingATraderSeesAndNoSagaIsLeftWaiting() {
        String buyerToken = traders.buyerToken();
        String sellerToken = traders.sellerToken();
        TestMarkets.openBtcUsdt(api(), traders.adminToken());
        traders.deposit(api(), traders.buyer(), "USDT", "1000");
        traders.deposit(api(), traders.seller(), "BTC", "2");
        long beforeTheOrders = lastPosition();

        // a sell that is filled, a buy that takes it and is canceled with the rest, a buy refused for its
        // funds, and a sell that stays in the book (its saga is alive during the redelivery)
        Response sell = place(sellerToken, "SELL", "100.00", "0.30000", "s-1");
        Response buy = place(buyerToken, "BUY", "100.00", "0.50000", "b-1");
        Response tooBig = place(buyerToken, "BUY", "100.00", "50.00000", "b-2");
        Response resting = place(sellerToken, "SELL", "200.00", "0.10000", "s-2");
        assertThat(sell.status()).as(sell.body()).isEqualTo(201);
        assertThat(buy.status()).as(buy.body()).isEqualTo(201);
        assertThat(new BigDecimal(buy.json().path("executedQuantity").asText())).isEqualByComparingTo("0.3");
        assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(400);
        assertThat(tooBig.json().path("code").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(resting.status()).as(resting.body()).isEqualTo(201);
        Response canceled = api().send("DELETE", "/api/v1/orders/" + buy.json().path("orderId").asText(), buyerToken, null);
        assertThat(canceled.json().path("status").asText()).as(canceled.body()).isEqualTo("CANCELED");

        // settled and released: only the resting order's saga is left
        await().atMost(PATIENCE).until(() -> count("select count(*) from saga_entry") == 1);
        await().atMost(PATIENCE).until(() -> countEvents("TradeSettledEvent") == 1);
        Map<String, String> orders = orderStates();
        assertThat(orders).containsExactly(Map.entry("s-1", "FILLED 0.3"), Map.entry("b-1", "CANCELED 0.3"),
                Map.entry("b-2", "REJECTED 0 INSUFFICIENT_FUNDS"), Map.entry("s-2", "NEW 0"));
        long head = lastPosition();
        Map<String, String> balances = balances(head);
        String buyerAccount = account(traders.buyer()).value();
        String sellerAccount = account(traders.seller()).value();
        assertThat(balances).as("the buyer paid 30 + 0.06 fee for 0.3 BTC; the seller got 30 − 0.03 fee")
                .containsEntry(buyerAccount + "/USDT/available", "969.94")
                .containsEntry(buyerAccount + "/USDT/held", "0")
                .containsEntry(buyerAccount + "/BTC/available", "0.3")
                .containsEntry(sellerAccount + "/USDT/available", "29.97")
                .containsEntry(sellerAccount + "/BTC/available", "1.6")
                .containsEntry(sellerAccount + "/BTC/held", "0.1")
                .containsEntry("fees:BTC-USDT/USDT/available", "0.09");

        redeliverFrom(beforeTheOrders, OrderSaga.PROCESSING_GROUP, TradeSettlement.PROCESSING_GROUP);
        awaitCaughtUp(head, OrderSaga.PROCESSING_GROUP, TradeSettlement.PROCESSING_GROUP);

        // the sagas the placements started again have seen their orders end again, and ended
        await().atMost(PATIENCE).until(() -> count("select count(*) from saga_entry") == 1);
        await().atMost(PATIENCE).until(() -> count("select count(*) from scheduled_tasks") == 0);
        assertThat(lastPosition()).as("nothing settled, released, rejected or closed again: no event stored")
                .isEqualTo(head);
        assertThat(countEvents("TradeSettledEvent")).isEqualTo(1);
        assertThat(balances(lastPosition())).isEqualTo(balances);
        assertThat(orderStates()).isEqualTo(orders);

        // the live saga still does its work: the resting order is canceled and its hold released
        Response cancelResting = api().send("DELETE", "/api/v1/orders/" + resting.json().path("orderId").asText(),
                sellerToken, null);
        assertThat(cancelResting.json().path("status").asText()).as(cancelResting.body()).isEqualTo("CANCELED");
        await().atMost(PATIENCE).until(() -> count("select count(*) from saga_entry") == 0);
        assertThat(balances(lastPosition())).containsEntry(sellerAccount + "/BTC/held", "0")
                .containsEntry(sellerAccount + "/BTC/available", "1.7");
    }

    /**
     * What a crash before the tokens were stored leaves behind: the processors start again from an earlier
     * position. Stopped first, so that no claim is held; the saga manager refuses Axon's own reset.
     */
    private void redeliverFrom(long position, String... processors) {
        for (String name : processors) {
            TrackingEventProcessor processor = processor(name);
            processor.shutDown();
            int[] segments = transactions.fetchInTransaction(() -> tokens.fetchSegments(name));
            for (int segment : segments) {
                transactions.executeInTransaction(() -> tokens.storeToken(
                        GapAwareTrackingToken.newInstance(position, Set.of()), name, segment));
            }
            processor.start();
        }
    }

    private void awaitCaughtUp(long position, String... processors) {
        for (String name : processors) {
            int segments = transactions.fetchInTransaction(() -> tokens.fetchSegments(name)).length;
            await().atMost(PATIENCE).until(() -> {
                Map<Integer, EventTrackerStatus> status = processor(name).processingStatus();
                return status.size() == segments && status.values().stream()
                        .allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= position && !segment.isErrorState());
            });
        }
    }

    private TrackingEventProcessor processor(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("no tracking processor " + name));
    }

    /** Each order as its owner sees it when asking again with its client order id: status, executed, reason. */
    private Map<String, String> orderStates() {
        Map<String, String> states = new LinkedHashMap<>();
        String buyerToken = traders.buyerToken();
        String sellerToken = traders.sellerToken();
        for (List<String> order : List.of(List.of(sellerToken, "SELL", "100.00", "0.30000", "s-1"),
                List.of(buyerToken, "BUY", "100.00", "0.50000", "b-1"), List.of(buyerToken, "BUY", "100.00", "50.00000", "b-2"),
                List.of(sellerToken, "SELL", "200.00", "0.10000", "s-2"))) {
            Response again = place(order.get(0), order.get(1), order.get(2), order.get(3), order.get(4));
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            JsonNode answer = again.json();
            String reason = answer.path("reason").isNull() || answer.path("reason").isMissingNode() ? ""
                    : " " + answer.path("reason").asText();
            JsonNode executed = answer.path("executedQuantity");
            states.put(order.get(4), answer.path("status").asText() + " "
                    + (executed.isTextual() ? plain(executed.asText()) : "-") + reason);
        }
        return states;
    }

    private Response place(String token, String side, String price, String quantity, String clientOrderId) {
        return TestTraders.placeLimit(api(), token, side, price, quantity, clientOrderId);
    }

    /** {@code <account>/<asset>/available|held} → the amount as a plain number without trailing zeros. */
    private Map<String, String> balances(long upTo) {
        Map<String, String> balances = new TreeMap<>();
        EventStoreBalances.of(database, Set.of(account(traders.buyer()), account(traders.seller()),
                        TradeSettlementHandler.feeAccountOf(MarketId.of("BTC-USDT"))), upTo)
                .forEach((key, amount) -> balances.put(key, plain(amount.toPlainString())));
        return balances;
    }

    private static String plain(String decimal) {
        BigDecimal value = new BigDecimal(decimal);
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static AccountId account(String user) {
        return AccountId.of(KEYCLOAK.userId(user));
    }

    private long lastPosition() {
        return database.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
    }

    private long countEvents(String type) {
        return database.queryForObject("select count(*) from domain_event_entry where payload_type like ?", Long.class,
                "%." + type);
    }

    private long count(String query) {
        return database.queryForObject(query, Long.class);
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }
}
