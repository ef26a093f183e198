package org.exchange.command.account;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.exchange.command.market.AggregateCacheConfiguration;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.AccountOpenedEvent;
import org.exchange.api.account.DepositFundsCommand;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.DepositReceipt;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservationRejectedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.HoldResult;
import org.exchange.api.account.HoldVoidedEvent;
import org.exchange.api.account.OpenOrderLimitReachedEvent;
import org.exchange.api.account.ReleaseFundsCommand;
import org.exchange.api.account.ReserveFundsCommand;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.order.OrderId;
import org.exchange.api.trade.TradeId;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A trader's wallet, or a market's fee account ({@code fees:<market>}): balances per asset, split
 * into available and held (reserved for open orders). Decides in command handlers and in the
 * settlement's plain methods, changes state only in event sourcing handlers. A trader's account is
 * opened by its first deposit, a fee account by its first fee; an account that was never funded does
 * not exist, so a reservation fails for it (no funds) and a release is a no-op.
 *
 * <p>Rules: no balance ever goes negative; funds are held per order and only for an order once (a
 * repeat with other terms is refused); an account holds funds for at most
 * {@link AccountLimits#maxOpenOrders()} orders at once (checked when an order arrives, never on
 * replay); an order released before its reservation arrived can never hold funds afterwards; what an order holds goes back to available exactly once; a settlement only
 * takes from the order's own hold, and each trade is posted once per order.
 *
 * <p>The sets of deposit ids and settled trades grow with the account's history; they are part of the
 * state a snapshot would have to carry, which is why accounts are not snapshotted yet (ADR 0022).
 */
@Aggregate(cache = AggregateCacheConfiguration.ACCOUNT_CACHE)
public class Account {

    @AggregateIdentifier
    private AccountId accountId;
    private final Map<Asset, BigDecimal> available = new HashMap<>();
    private final Map<Asset, BigDecimal> held = new HashMap<>();
    private final Map<DepositId, FundsDepositedEvent> deposits = new HashMap<>();
    /** What each open order still holds. */
    private final Map<OrderId, Hold> holds = new HashMap<>();
    /** What every order that ever asked for funds got (or was refused), so a repeat is recognised. */
    private final Map<OrderId, Reservation> reservations = new HashMap<>();
    /** Orders released before any reservation: a reservation for them is rejected. */
    private final Set<OrderId> voidedHolds = new HashSet<>();
    /** Postings already made, one per trade and order (the fee account's with no order). */
    private final Set<Posting> postings = new HashSet<>();

    /** The owner recorded on a market's fee account when its first fee opens it. */
    public static final String FEE_ACCOUNT_OWNER = "exchange-fees";

    private record Hold(Asset asset, BigDecimal remaining) {
    }

    /**
     * @param held    whether the funds were held (the answer to a repeat), else the request was rejected
     * @param refusal why it was rejected; {@code null} when held
     */
    private record Reservation(Asset asset, BigDecimal amount, boolean held, ErrorCode refusal) {
    }

    private record Posting(TradeId tradeId, OrderId orderId) {
    }

    protected Account() {
        // for Axon: rebuilt from events
    }

    /** An account with no history yet, for {@code Repository.loadOrCreate} of a fee account. */
    public static Account unopened() {
        return new Account();
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

    /**
     * @param limits injected: the open-order limit in force now (a refusal is recorded with it, so a
     *               later change of the limit changes no past answer)
     * @return held when the order's funds are held (now or by an earlier identical request), else
     *         refused with the reason (now or earlier)
     */
    @CommandHandler
    public HoldResult handle(ReserveFundsCommand command, AccountLimits limits) {
        if (command.amount() != null) {
            positiveAmount(command.amount());
        }
        Reservation earlier = reservations.get(command.orderId());
        if (earlier != null) {
            sameReservation(earlier, command);
            return earlier.held() ? HoldResult.held(earlier.amount()) : HoldResult.refused(earlier.refusal());
        }
        if (!limits.allowsAnotherOpenOrder(openOrders())) {
            apply(new OpenOrderLimitReachedEvent(accountId, command.orderId(), command.asset(), command.amount(),
                    openOrders(), limits.maxOpenOrders()));
            return HoldResult.refused(ErrorCode.TOO_MANY_OPEN_ORDERS);
        }
        BigDecimal available = availableOf(command.asset());
        BigDecimal amount = command.amount() == null ? available : command.amount();
        if (voidedHolds.contains(command.orderId()) || amount.signum() == 0 || !sufficientAvailableBalance(available, amount)) {
            apply(new FundsReservationRejectedEvent(accountId, command.orderId(), command.asset(), amount, available));
            return HoldResult.refused(ErrorCode.INSUFFICIENT_FUNDS);
        }
        apply(new FundsReservedEvent(accountId, command.orderId(), command.asset(), amount,
                available.subtract(amount), heldOf(command.asset()).add(amount)));
        return HoldResult.held(amount);
    }

    /**
     * Orders that hold funds: from their reservation until what is left of it is released (the order
     * filled, was canceled, expired or was rejected by the book).
     */
    private int openOrders() {
        return holds.size();
    }

    /**
     * Created-if-missing so that releasing on an account that was never funded (its reservation failed
     * for lack of an account) is a no-op instead of a failure the saga would retry forever.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReleaseFundsCommand command) {
        if (accountId == null) {
            return;
        }
        Hold hold = holds.get(command.orderId());
        if (hold != null) {
            apply(new FundsReleasedEvent(accountId, command.orderId(), hold.asset(), hold.remaining(),
                    availableOf(hold.asset()).add(hold.remaining()), heldOf(hold.asset()).subtract(hold.remaining())));
        } else if (!reservations.containsKey(command.orderId()) && !voidedHolds.contains(command.orderId())) {
            apply(new HoldVoidedEvent(accountId, command.orderId()));
        }
    }

    /**
     * One side of a trade: {@code debit} of {@code debitAsset} leaves the order's hold, {@code credit} of
     * {@code creditAsset} becomes available. Called by the settlement inside its unit of work; a trade
     * already posted for this order changes nothing.
     *
     * @throws IllegalStateException when the order's hold cannot cover the debit: holds are rounded up
     *                               and fees down, so this is a bug, never a trader's mistake
     */
    public void settleTrade(TradeId tradeId, OrderId orderId, Asset debitAsset, BigDecimal debit, Asset creditAsset,
                            BigDecimal credit, BigDecimal fee) {
        if (postings.contains(new Posting(tradeId, orderId))) {
            return;
        }
        holdCovers(orderId, debitAsset, debit, tradeId);
        apply(new TradeSettledOnAccountEvent(accountId, tradeId, orderId, debitAsset, debit,
                heldOf(debitAsset).subtract(debit), creditAsset, credit, availableOf(creditAsset).add(credit), fee));
    }

    /**
     * Credits a trade's fees to this fee account, opening it (owner {@value #FEE_ACCOUNT_OWNER}) on its
     * first fee. A trade already collected changes nothing.
     */
    public void collectFee(AccountId feeAccountId, TradeId tradeId, Asset asset, BigDecimal amount) {
        if (postings.contains(new Posting(tradeId, null))) {
            return;
        }
        if (accountId == null) {
            apply(new AccountOpenedEvent(feeAccountId, FEE_ACCOUNT_OWNER));
        }
        apply(new FeeCollectedEvent(accountId, tradeId, asset, amount, availableOf(asset).add(amount)));
    }

    private void holdCovers(OrderId orderId, Asset asset, BigDecimal debit, TradeId tradeId) {
        Hold hold = holds.get(orderId);
        if (hold == null || !hold.asset().equals(asset) || hold.remaining().compareTo(debit) < 0) {
            throw new IllegalStateException("trade " + tradeId + " debits " + debit.toPlainString() + " " + asset
                    + " from order " + orderId + " on account " + accountId + ", whose hold is " + hold);
        }
    }

    /** An order reserves once: the same request again is a retry, another asset or amount is refused. */
    private static void sameReservation(Reservation earlier, ReserveFundsCommand command) {
        boolean same = earlier.asset().equals(command.asset()) && (command.amount() == null
                || earlier.amount() != null && earlier.amount().compareTo(command.amount()) == 0);
        if (!same) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, "order " + command.orderId()
                    + " already asked to hold " + earlier.amount().toPlainString() + " " + earlier.asset());
        }
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
        reservations.put(event.orderId(), new Reservation(event.asset(), event.amount(), true, null));
    }

    @EventSourcingHandler
    void on(FundsReservationRejectedEvent event) {
        reservations.put(event.orderId(), new Reservation(event.asset(), event.requested(), false,
                ErrorCode.INSUFFICIENT_FUNDS));
    }

    /** Replay only records the refusal: the limit is never checked again, whatever it is now. */
    @EventSourcingHandler
    void on(OpenOrderLimitReachedEvent event) {
        reservations.put(event.orderId(), new Reservation(event.asset(), event.requested(), false,
                ErrorCode.TOO_MANY_OPEN_ORDERS));
    }

    @EventSourcingHandler
    void on(HoldVoidedEvent event) {
        voidedHolds.add(event.orderId());
    }

    @EventSourcingHandler
    void on(TradeSettledOnAccountEvent event) {
        held.put(event.debitAsset(), event.debitHeldAfter());
        available.put(event.creditAsset(), event.creditAvailableAfter());
        Hold hold = holds.get(event.orderId());
        holds.put(event.orderId(), new Hold(hold.asset(), hold.remaining().subtract(event.debitAmount())));
        postings.add(new Posting(event.tradeId(), event.orderId()));
    }

    @EventSourcingHandler
    void on(FeeCollectedEvent event) {
        available.put(event.asset(), event.availableAfter());
        postings.add(new Posting(event.tradeId(), null));
    }

    @EventSourcingHandler
    void on(FundsReleasedEvent event) {
        available.put(event.asset(), event.availableAfter());
        held.put(event.asset(), event.heldAfter());
        holds.remove(event.orderId());
    }
}
