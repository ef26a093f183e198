package org.exchange.command.account;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.AccountOpenedEvent;
import org.exchange.api.account.DepositFundsCommand;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.DepositReceipt;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservationRejectedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.ReleaseFundsCommand;
import org.exchange.api.account.ReserveFundsCommand;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.order.OrderId;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A trader's wallet: balances per asset, split into available and held (reserved for open
 * orders). Decides in command handlers, changes state only in event sourcing handlers. The account
 * is opened by its first deposit; an account that was never funded does not exist, so commands
 * other than a deposit fail for it (no funds).
 *
 * <p>Rules: no balance ever goes negative; funds are held per order and only for an order once;
 * what an order holds goes back to available exactly once.
 */
@Aggregate
public class Account {

    @AggregateIdentifier
    private AccountId accountId;
    private final Map<Asset, BigDecimal> available = new HashMap<>();
    private final Map<Asset, BigDecimal> held = new HashMap<>();
    private final Map<DepositId, FundsDepositedEvent> deposits = new HashMap<>();
    /** What each open order still holds. */
    private final Map<OrderId, Hold> holds = new HashMap<>();
    /** Every order that ever asked for funds, so a repeated request is recognised. */
    private final Set<OrderId> ordersSeen = new HashSet<>();

    private record Hold(Asset asset, BigDecimal remaining) {
    }

    protected Account() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public DepositReceipt handle(DepositFundsCommand command) {
        positiveAmount(command.amount());
        FundsDepositedEvent earlier = deposits.get(command.depositId());
        if (earlier != null) {
            return repeatedDeposit(earlier, command);
        }
        if (accountId == null) {
            apply(new AccountOpenedEvent(command.accountId(), command.owner()));
        }
        BigDecimal after = availableOf(command.asset()).add(command.amount());
        apply(new FundsDepositedEvent(command.accountId(), command.depositId(), command.asset(), command.amount(), after));
        return new DepositReceipt(command.accountId(), command.depositId(), command.asset(), command.amount(), false);
    }

    @CommandHandler
    public void handle(ReserveFundsCommand command) {
        positiveAmount(command.amount());
        if (ordersSeen.contains(command.orderId())) {
            return;
        }
        BigDecimal available = availableOf(command.asset());
        if (!sufficientAvailableBalance(available, command.amount())) {
            apply(new FundsReservationRejectedEvent(accountId, command.orderId(), command.asset(), command.amount(),
                    available));
            return;
        }
        apply(new FundsReservedEvent(accountId, command.orderId(), command.asset(), command.amount(),
                available.subtract(command.amount()), heldOf(command.asset()).add(command.amount())));
    }

    @CommandHandler
    public void handle(ReleaseFundsCommand command) {
        Hold hold = holds.get(command.orderId());
        if (hold == null) {
            return;
        }
        apply(new FundsReleasedEvent(accountId, command.orderId(), hold.asset(), hold.remaining(),
                availableOf(hold.asset()).add(hold.remaining()), heldOf(hold.asset()).subtract(hold.remaining())));
    }

    private static boolean sufficientAvailableBalance(BigDecimal available, BigDecimal requested) {
        return available.compareTo(requested) >= 0;
    }

    /** A deposit id names one credit: the same request again is answered, a different one is refused. */
    private static DepositReceipt repeatedDeposit(FundsDepositedEvent earlier, DepositFundsCommand command) {
        boolean sameDeposit = earlier.asset().equals(command.asset())
                && earlier.amount().compareTo(command.amount()) == 0;
        if (!sameDeposit) {
            throw new ExchangeException(ErrorCode.DUPLICATE_DEPOSIT,
                    "deposit " + command.depositId() + " was already credited with a different asset or amount");
        }
        return new DepositReceipt(earlier.accountId(), earlier.depositId(), earlier.asset(), earlier.amount(), true);
    }

    private static void positiveAmount(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new ExchangeException(ErrorCode.INVALID_AMOUNT, "amount must be greater than zero");
        }
    }

    private BigDecimal availableOf(Asset asset) {
        return available.getOrDefault(asset, BigDecimal.ZERO);
    }

    private BigDecimal heldOf(Asset asset) {
        return held.getOrDefault(asset, BigDecimal.ZERO);
    }

    @EventSourcingHandler
    void on(AccountOpenedEvent event) {
        accountId = event.accountId();
    }

    @EventSourcingHandler
    void on(FundsDepositedEvent event) {
        available.put(event.asset(), event.availableAfter());
        deposits.put(event.depositId(), event);
    }

    @EventSourcingHandler
    void on(FundsReservedEvent event) {
        available.put(event.asset(), event.availableAfter());
        held.put(event.asset(), event.heldAfter());
        holds.put(event.orderId(), new Hold(event.asset(), event.amount()));
        ordersSeen.add(event.orderId());
    }

    @EventSourcingHandler
    void on(FundsReservationRejectedEvent event) {
        ordersSeen.add(event.orderId());
    }

    @EventSourcingHandler
    void on(FundsReleasedEvent event) {
        available.put(event.asset(), event.availableAfter());
        held.put(event.asset(), event.heldAfter());
        holds.remove(event.orderId());
    }
}
