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
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A trader's wallet: balances per asset. Decides in command handlers, changes state only in event
 * sourcing handlers. The account is opened by its first deposit.
 */
@Aggregate
public class Account {

    @AggregateIdentifier
    private AccountId accountId;
    private final Map<Asset, BigDecimal> available = new HashMap<>();
    private final Map<DepositId, FundsDepositedEvent> deposits = new HashMap<>();

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

    @EventSourcingHandler
    void on(AccountOpenedEvent event) {
        accountId = event.accountId();
    }

    @EventSourcingHandler
    void on(FundsDepositedEvent event) {
        available.put(event.asset(), event.availableAfter());
        deposits.put(event.depositId(), event);
    }
}
