package org.exchange.saga;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.ReleaseFundsCommand;
import org.exchange.api.market.CancelOrderInBookCommand;
import org.exchange.api.order.AcceptOrderCommand;
import org.exchange.api.order.CloseOrderCommand;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.RejectOrderCommand;
import org.exchange.api.trade.SettleTradeCommand;
import org.exchange.saga.order.AnOrder;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.axonframework.eventhandling.GenericEventMessage.asEventMessage;

/**
 * Stands in for the command side's aggregates, which run in another process in production: it
 * handles the commands the orchestrator sends, records every attempt in arrival order, answers
 * rejections and closes with the event the {@code Order} would write, fails on request (as an
 * unreachable or broken command side would), and knows no account in {@link #unknownAccounts}.
 * It outlives the application contexts of a test, so a restart keeps its record.
 */
public final class CommandSideStandIn {

    /** One delivery of a command, and whether the stand-in made it fail. */
    public record Attempt(Object command, boolean failed) {
    }

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<OrderId, AnOrder> orders = new ConcurrentHashMap<>();
    private final Map<Class<?>, AtomicInteger> failuresToCome = new ConcurrentHashMap<>();
    private final Set<AccountId> unknownAccounts = ConcurrentHashMap.newKeySet();

    public void knows(AnOrder order) {
        orders.put(order.orderId(), order);
    }

    public void hasNoAccount(AccountId account) {
        unknownAccounts.add(account);
    }

    /** The next {@code times} deliveries of that command type fail. */
    public void fails(Class<?> commandType, int times) {
        failuresToCome.put(commandType, new AtomicInteger(times));
    }

    public List<Attempt> attempts(Predicate<Object> which) {
        return attempts.stream().filter(attempt -> which.test(attempt.command())).toList();
    }

    @CommandHandler
    public void handle(RejectOrderCommand command, EventBus events) {
        attempt(command);
        events.publish(asEventMessage(orders.get(command.orderId()).rejected(command.reason())));
    }

    @CommandHandler
    public void handle(AcceptOrderCommand command) {
        attempt(command);
    }

    @CommandHandler
    public boolean handle(CancelOrderInBookCommand command) {
        attempt(command);
        return true;
    }

    @CommandHandler
    public void handle(CloseOrderCommand command, EventBus events) {
        attempt(command);
        events.publish(asEventMessage(orders.get(command.orderId())
                .closed(command.outcome(), command.executedQuantity().toPlainString())));
    }

    @CommandHandler
    public void handle(ReleaseFundsCommand command) {
        if (unknownAccounts.contains(command.accountId())) {
            attempts.add(new Attempt(command, true));
            throw new AggregateNotFoundException(command.accountId().value(), "The aggregate was not found in the event store");
        }
        attempt(command);
    }

    @CommandHandler
    public boolean handle(SettleTradeCommand command) {
        attempt(command);
        return true;
    }

    private void attempt(Object command) {
        AtomicInteger failures = failuresToCome.get(command.getClass());
        boolean fail = failures != null && failures.getAndDecrement() > 0;
        attempts.add(new Attempt(command, fail));
        if (fail) {
            throw new IllegalStateException("command side unavailable for " + command.getClass().getSimpleName());
        }
    }
}
