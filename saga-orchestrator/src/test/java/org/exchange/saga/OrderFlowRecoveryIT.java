package org.exchange.saga;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.exchange.api.account.ReleaseFundsCommand;
import org.exchange.api.market.CancelOrderInBookCommand;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.AcceptOrderCommand;
import org.exchange.api.order.CloseOrderCommand;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.RejectOrderCommand;
import org.exchange.api.trade.SettleTradeCommand;
import org.exchange.api.trade.TradeId;
import org.exchange.saga.CommandSideStandIn.Attempt;
import org.exchange.saga.order.AnOrder;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

/**
 * The saga orchestrator as deployed, on a real PostgreSQL database, with the command side's
 * aggregates replaced by {@link CommandSideStandIn} (they run in another process in production):
 * sagas live in the saga store and deadlines in db-scheduler's table, so both survive a restart of
 * the application; a command that fails is sent again until it succeeds, in order.
 */
class OrderFlowRecoveryIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final AnOrder MAKER = AnOrder.of("maker");
    private static final AnOrder TAKER = AnOrder.of("taker");

    private final String database = ThrowawayDatabase.create(COMPONENTS, "saga_flow");
    private final CommandSideStandIn commandSide = new CommandSideStandIn();
    private ConfigurableApplicationContext orchestrator;

    @AfterEach
    void stop() {
        if (orchestrator != null) {
            orchestrator.close();
        }
    }

    @Test
    void anOrderTheBookNeverAnsweredIsRejectedAfterARestartAndAnAcceptedOneCanStillBeCanceled() throws Exception {
        AnOrder forgotten = order("trader-a");
        AnOrder resting = order("trader-b");
        orchestrator = start();
        publish(forgotten.placed(Instant.now()), resting.placed(Instant.now()), resting.acceptedByBook());
        await().atMost(PATIENCE).until(() -> !commandsFor(resting.orderId()).isEmpty());
        await().atMost(PATIENCE).until(() -> count("select count(*) from saga_entry") == 2);

        orchestrator.close();
        assertThat(count("select count(*) from scheduled_tasks")).as("the forgotten order's deadline, kept in PostgreSQL")
                .isEqualTo(1);
        assertThat(count("select count(*) from token_entry where processor_name = 'order-saga'")).as("segments")
                .isEqualTo(4);

        orchestrator = start();
        publish(resting.cancelRequested());

        await().atMost(PATIENCE).until(() -> commandsFor(forgotten.orderId()).size() == 2);
        assertThat(commandsFor(forgotten.orderId())).containsExactly(
                new RejectOrderCommand(forgotten.orderId(), "SUBMISSION_TIMEOUT"),
                new ReleaseFundsCommand(forgotten.accountId(), forgotten.orderId()));
        await().atMost(PATIENCE).until(() -> commandsFor(resting.orderId()).size() == 2);
        assertThat(commandsFor(resting.orderId())).containsExactly(
                new AcceptOrderCommand(resting.orderId()),
                new CancelOrderInBookCommand(AnOrder.MARKET, resting.orderId()));
        await().atMost(PATIENCE).until(() -> count("select count(*) from saga_entry") == 1);
        assertThat(count("select count(*) from scheduled_tasks")).isZero();
    }

    @Test
    void aCommandThatFailsIsRetriedUntilItSucceedsAndTheOrderStillCompletesInOrder() throws Exception {
        AnOrder filled = order("trader-c");
        commandSide.fails(AcceptOrderCommand.class, 2);
        orchestrator = start();

        publish(filled.placed(Instant.now()), filled.acceptedByBook(), filled.leftBook(OrderStatus.FILLED, "0.50000"));

        await().atMost(PATIENCE).until(() -> commandsFor(filled.orderId()).size() == 3);
        assertThat(attemptsFor(filled.orderId())).containsExactly(
                new Attempt(new AcceptOrderCommand(filled.orderId()), true),
                new Attempt(new AcceptOrderCommand(filled.orderId()), true),
                new Attempt(new AcceptOrderCommand(filled.orderId()), false),
                new Attempt(new CloseOrderCommand(filled.orderId(), OrderStatus.FILLED, null, new BigDecimal("0.50000")), false),
                new Attempt(new ReleaseFundsCommand(filled.accountId(), filled.orderId()), false));
        await().atMost(PATIENCE).until(() -> count("select count(*) from saga_entry") == 0);
    }

    @Test
    void aTradeWhoseSettlementFailsIsSettledOnRetryBeforeTheMarketsNextTrades() throws Exception {
        commandSide.fails(SettleTradeCommand.class, 1);
        orchestrator = start();

        publish(trade(1), trade(2), trade(3));

        await().atMost(PATIENCE).until(() -> commandSide.attempts(SettleTradeCommand.class::isInstance).size() == 4);
        assertThat(commandSide.attempts(SettleTradeCommand.class::isInstance)).containsExactly(
                new Attempt(new SettleTradeCommand(AnOrder.MARKET, trade(1)), true),
                new Attempt(new SettleTradeCommand(AnOrder.MARKET, trade(1)), false),
                new Attempt(new SettleTradeCommand(AnOrder.MARKET, trade(2)), false),
                new Attempt(new SettleTradeCommand(AnOrder.MARKET, trade(3)), false));
    }

    @Test
    void anOrderOfAnAccountThatNeverExistedIsRejectedAndItsSagaEnds() throws Exception {
        AnOrder unknown = order("nobody");
        commandSide.hasNoAccount(unknown.accountId());
        orchestrator = start();

        publish(unknown.placed(Instant.now()), unknown.reservationRejected());

        await().atMost(PATIENCE).until(() -> attemptsFor(unknown.orderId()).size() == 2);
        assertThat(attemptsFor(unknown.orderId())).containsExactly(
                new Attempt(new RejectOrderCommand(unknown.orderId(), "INSUFFICIENT_FUNDS"), false),
                new Attempt(new ReleaseFundsCommand(unknown.accountId(), unknown.orderId()), true));
        await().atMost(PATIENCE).until(() -> count("select count(*) from saga_entry") == 0);
        assertThat(count("select count(*) from scheduled_tasks")).isZero();
    }

    private ConfigurableApplicationContext start() {
        List<String> arguments = new ArrayList<>();
        COMPONENTS.springProperties(database).forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.add("--server.port=0");
        arguments.add("--db-scheduler.polling-interval=100ms");
        return new SpringApplicationBuilder(SagaOrchestratorApplication.class)
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean(CommandSideStandIn.class, () -> commandSide))
                .run(arguments.toArray(String[]::new));
    }

    private AnOrder order(String account) {
        AnOrder order = AnOrder.of(account);
        commandSide.knows(order);
        return order;
    }

    private void publish(Object... events) {
        EventStore eventStore = orchestrator.getBean(EventStore.class);
        for (Object event : events) {
            eventStore.publish(asEventMessage(event));
        }
    }

    private List<Object> commandsFor(OrderId order) {
        return attemptsFor(order).stream().filter(attempt -> !attempt.failed()).map(Attempt::command).toList();
    }

    private List<Attempt> attemptsFor(OrderId order) {
        return commandSide.attempts(command -> order.equals(orderOf(command)));
    }

    private static OrderId orderOf(Object command) {
        return switch (command) {
            case RejectOrderCommand reject -> reject.orderId();
            case AcceptOrderCommand accept -> accept.orderId();
            case CancelOrderInBookCommand cancel -> cancel.orderId();
            case CloseOrderCommand close -> close.orderId();
            case ReleaseFundsCommand release -> release.orderId();
            default -> null;
        };
    }

    private static TradeExecutedEvent trade(long sequence) {
        return new TradeExecutedEvent(TradeId.of(AnOrder.MARKET, sequence), AnOrder.MARKET, sequence,
                new BigDecimal("20000.00"), new BigDecimal("0.10000"), new BigDecimal("2000.00"),
                MAKER.orderId(), MAKER.accountId(), TAKER.orderId(), TAKER.accountId(), OrderSide.BUY,
                new BigDecimal("2.00"), new BigDecimal("4.00"), AnOrder.MARKET.quote());
    }

    private long count(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(COMPONENTS.jdbcUrl(database), COMPONENTS.dbUser(),
                COMPONENTS.dbPassword());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
