package org.exchange.platform.audit;

import org.exchange.api.account.AccountOpenedEvent;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.OrderBookOutcomeRecordedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderRejectedEvent;
import org.exchange.api.trade.TradeSettledEvent;
import org.exchange.platform.audit.Breach.Check;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The books replayed from the events, in position order, checking as they go: conservation per asset,
 * no negative balance (and every event's stated balances equal to the replayed ones), every trade
 * settled exactly once on both sides, every order's fills adding up to its filled quantity and its
 * hold to its debits plus its release. Exact decimals throughout.
 *
 * <p>Conservation is checked at every position where no trade is half-posted: a settlement's postings
 * (both sides and the fee) commit together but occupy several positions, and between them the money
 * is in flight. A trade whose postings never net to zero is a breach of its own.
 */
final class Books {

    /** A trade executed less than this before the newest event may still be settling. */
    static final Duration SETTLEMENT_GRACE = Duration.ofSeconds(60);

    /** One (account, asset) balance as replayed, with the account sequence of its last change. */
    static final class Balance {
        BigDecimal available = BigDecimal.ZERO;
        BigDecimal held = BigDecimal.ZERO;
        long lastSequence = -1;
    }

    /** One order as replayed. */
    static final class OrderBooks {
        BigDecimal reserved;
        BigDecimal debited = BigDecimal.ZERO;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal filledQuote = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        boolean released;
        OrderStatus finalStatus;
        long lastSequence = -1;
    }

    private static final class Trade {
        final TradeExecutedEvent executed;
        final EventRef where;
        int settled;
        final Map<String, Integer> postings = new HashMap<>();
        int fees;

        Trade(TradeExecutedEvent executed, EventRef where) {
            this.executed = executed;
            this.where = where;
        }

        /** The trade's record, both sides' postings and its fee (none when both fees are zero). */
        boolean complete() {
            boolean feeDue = executed.buyerFee().add(executed.sellerFee()).signum() != 0;
            return settled >= 1 && postings.containsKey(executed.buyerOrderId().value())
                    && postings.containsKey(executed.sellerOrderId().value()) && (fees >= 1 || !feeDue);
        }
    }

    private final Consumer<Breach> breaches;
    private final Map<String, Map<Asset, Balance>> balances = new HashMap<>();
    private final Set<String> feeAccounts = new HashSet<>();
    private final Map<Asset, BigDecimal> deposits = new TreeMap<>(java.util.Comparator.comparing(Asset::code));
    private final Map<Asset, BigDecimal> feesCollected = new HashMap<>();
    private final Map<Asset, BigDecimal> traderBalances = new HashMap<>();
    /** Trades whose settlement has begun and not yet completed (both sides, the fee and the trade's record). */
    private final Set<String> inFlight = new HashSet<>();
    private final Map<String, Trade> trades = new HashMap<>();
    private final Map<String, OrderBooks> orders = new HashMap<>();
    private final Set<Asset> unconserved = new HashSet<>();
    private Instant newest = Instant.EPOCH;
    private EventRef lastEvent;

    Books(Consumer<Breach> breaches) {
        this.breaches = breaches;
    }

    void apply(EventRef ref, Object event) {
        lastEvent = ref;
        if (ref.timestamp().isAfter(newest)) {
            newest = ref.timestamp();
        }
        switch (event) {
            case AccountOpenedEvent opened -> {
                if (FEE_ACCOUNT_OWNER.equals(opened.owner())) {
                    feeAccounts.add(opened.accountId().value());
                }
            }
            case FundsDepositedEvent deposit -> {
                Balance balance = balance(ref, deposit.accountId().value(), deposit.asset());
                balance.available = balance.available.add(deposit.amount());
                deposits.merge(deposit.asset(), deposit.amount(), BigDecimal::add);
                moved(deposit.accountId().value(), deposit.asset(), deposit.amount());
                balance.available = stated(ref, "available", deposit.asset(), deposit.availableAfter(), balance.available);
                notNegative(ref, deposit.accountId().value(), deposit.asset(), balance);
            }
            case FundsReservedEvent reserved -> {
                Balance balance = balance(ref, reserved.accountId().value(), reserved.asset());
                balance.available = balance.available.subtract(reserved.amount());
                balance.held = balance.held.add(reserved.amount());
                order(ref, reserved.orderId().value(), false).reserved = reserved.amount();
                balance.available = stated(ref, "available", reserved.asset(), reserved.availableAfter(), balance.available);
                balance.held = stated(ref, "held", reserved.asset(), reserved.heldAfter(), balance.held);
                notNegative(ref, reserved.accountId().value(), reserved.asset(), balance);
            }
            case FundsReleasedEvent released -> {
                Balance balance = balance(ref, released.accountId().value(), released.asset());
                balance.available = balance.available.add(released.amount());
                balance.held = balance.held.subtract(released.amount());
                balance.available = stated(ref, "available", released.asset(), released.availableAfter(), balance.available);
                balance.held = stated(ref, "held", released.asset(), released.heldAfter(), balance.held);
                notNegative(ref, released.accountId().value(), released.asset(), balance);
                release(ref, released);
            }
            case TradeSettledOnAccountEvent posting -> settleOnAccount(ref, posting);
            case FeeCollectedEvent fee -> {
                Balance balance = balance(ref, fee.accountId().value(), fee.asset());
                balance.available = balance.available.add(fee.amount());
                feesCollected.merge(fee.asset(), fee.amount(), BigDecimal::add);
                balance.available = stated(ref, "available", fee.asset(), fee.availableAfter(), balance.available);
                Trade trade = trades.get(fee.tradeId().value());
                if (trade == null) {
                    breach(Check.SETTLEMENT, "UNKNOWN_TRADE", ref, "a fee was collected for trade " + fee.tradeId()
                            + ", which no market executed");
                } else if (++trade.fees > 1) {
                    breach(Check.SETTLEMENT, "SETTLED_TWICE", ref, "trade " + fee.tradeId() + "'s fee was collected twice");
                }
                settling(trade);
            }
            case TradeExecutedEvent executed -> trades.put(executed.tradeId().value(), new Trade(executed, ref));
            case TradeSettledEvent settled -> {
                Trade trade = trades.get(settled.tradeId().value());
                if (trade == null) {
                    breach(Check.SETTLEMENT, "UNKNOWN_TRADE", ref, "trade " + settled.tradeId()
                            + " was settled but no market executed it");
                } else if (++trade.settled > 1) {
                    breach(Check.SETTLEMENT, "SETTLED_TWICE", ref, "trade " + settled.tradeId() + " was settled again");
                }
                settling(trade);
            }
            case OrderFillRecordedEvent fill -> fill(ref, fill);
            case OrderClosedEvent closed -> close(ref, closed);
            case OrderRejectedEvent rejected -> {
                OrderBooks order = order(ref, rejected.orderId().value(), true);
                order.finalStatus = OrderStatus.REJECTED;
            }
            default -> touchOrder(ref, event);
        }
        if (inFlight.isEmpty()) {
            conservation(ref);
        }
    }

    /** The account a market's fees go to is opened with this owner (command side's Account). */
    static final String FEE_ACCOUNT_OWNER = "exchange-fees";

    private void settleOnAccount(EventRef ref, TradeSettledOnAccountEvent posting) {
        String account = posting.accountId().value();
        Balance debited = balance(ref, account, posting.debitAsset());
        debited.held = debited.held.subtract(posting.debitAmount());
        debited.held = stated(ref, "held", posting.debitAsset(), posting.debitHeldAfter(), debited.held);
        notNegative(ref, account, posting.debitAsset(), debited);
        Balance credited = balance(ref, account, posting.creditAsset());
        credited.available = credited.available.add(posting.creditAmount());
        credited.available = stated(ref, "available", posting.creditAsset(), posting.creditAvailableAfter(), credited.available);
        moved(account, posting.debitAsset(), posting.debitAmount().negate());
        moved(account, posting.creditAsset(), posting.creditAmount());

        OrderBooks order = orders.get(posting.orderId().value());
        if (order == null || order.reserved == null) {
            breach(Check.ORDERS, "DEBIT_WITHOUT_HOLD", ref, "order " + posting.orderId() + " was debited "
                    + posting.debitAmount().toPlainString() + " " + posting.debitAsset() + " but never held funds");
        } else {
            order.debited = order.debited.add(posting.debitAmount());
            if (order.debited.compareTo(order.reserved) > 0) {
                breach(Check.ORDERS, "DEBITS_EXCEED_HOLD", ref, "order " + posting.orderId() + " was debited "
                        + order.debited.toPlainString() + " in all, more than the " + order.reserved.toPlainString()
                        + " it held");
            }
        }
        Trade trade = trades.get(posting.tradeId().value());
        if (trade == null) {
            breach(Check.SETTLEMENT, "UNKNOWN_TRADE", ref, "trade " + posting.tradeId()
                    + " was posted to account " + account + " but no market executed it");
            return;
        }
        String orderId = posting.orderId().value();
        if (!orderId.equals(trade.executed.buyerOrderId().value()) && !orderId.equals(trade.executed.sellerOrderId().value())) {
            breach(Check.SETTLEMENT, "WRONG_ORDER", ref, "trade " + posting.tradeId() + " was posted for order "
                    + orderId + ", which is neither its buyer nor its seller");
        } else if (trade.postings.merge(orderId, 1, Integer::sum) > 1) {
            breach(Check.SETTLEMENT, "SETTLED_TWICE", ref, "trade " + posting.tradeId() + " was posted twice for order "
                    + orderId);
        }
        settling(trade);
    }

    /** A trade's settlement goes on; once complete, conservation is checked again. */
    private void settling(Trade trade) {
        if (trade == null) {
            return;
        }
        if (trade.complete()) {
            inFlight.remove(trade.executed.tradeId().value());
        } else {
            inFlight.add(trade.executed.tradeId().value());
        }
    }

    private void fill(EventRef ref, OrderFillRecordedEvent fill) {
        OrderBooks order = order(ref, fill.orderId().value(), true);
        order.filled = order.filled.add(fill.quantity());
        order.filledQuote = order.filledQuote.add(fill.quoteQuantity());
        order.fees = order.fees.add(fill.fee());
        if (order.filled.compareTo(fill.filledQuantity()) != 0 || order.filledQuote.compareTo(fill.filledQuoteQuantity()) != 0
                || order.fees.compareTo(fill.fees()) != 0) {
            breach(Check.ORDERS, "FILLS_DO_NOT_ADD_UP", ref, "order " + fill.orderId() + "'s fills add up to "
                    + order.filled.toPlainString() + " (quote " + order.filledQuote.toPlainString() + ", fees "
                    + order.fees.toPlainString() + "), the event says " + fill.filledQuantity().toPlainString()
                    + " (quote " + fill.filledQuoteQuantity().toPlainString() + ", fees " + fill.fees().toPlainString() + ")");
            order.filled = fill.filledQuantity();
            order.filledQuote = fill.filledQuoteQuantity();
            order.fees = fill.fees();
        }
    }

    private void close(EventRef ref, OrderClosedEvent closed) {
        OrderBooks order = order(ref, closed.orderId().value(), true);
        order.finalStatus = closed.status();
        if (order.filled.compareTo(closed.filledQuantity()) != 0
                || order.filledQuote.compareTo(closed.filledQuoteQuantity()) != 0 || order.fees.compareTo(closed.fees()) != 0) {
            breach(Check.ORDERS, "FILLS_DO_NOT_ADD_UP", ref, "order " + closed.orderId() + " closed with filled quantity "
                    + closed.filledQuantity().toPlainString() + " (quote " + closed.filledQuoteQuantity().toPlainString()
                    + ", fees " + closed.fees().toPlainString() + "), its fills add up to " + order.filled.toPlainString()
                    + " (quote " + order.filledQuote.toPlainString() + ", fees " + order.fees.toPlainString() + ")");
        }
    }

    private void release(EventRef ref, FundsReleasedEvent released) {
        OrderBooks order = orders.get(released.orderId().value());
        if (order == null || order.reserved == null) {
            breach(Check.ORDERS, "RELEASE_WITHOUT_HOLD", ref, "order " + released.orderId() + " released "
                    + released.amount().toPlainString() + " " + released.asset() + " but never held funds");
            return;
        }
        if (order.released) {
            breach(Check.ORDERS, "RELEASED_TWICE", ref, "order " + released.orderId() + "'s hold was released again");
        }
        order.released = true;
        BigDecimal accounted = order.debited.add(released.amount());
        if (accounted.compareTo(order.reserved) != 0) {
            breach(Check.ORDERS, "HOLD_DOES_NOT_ADD_UP", ref, "order " + released.orderId() + " held "
                    + order.reserved.toPlainString() + " " + released.asset() + "; debits "
                    + order.debited.toPlainString() + " plus the release " + released.amount().toPlainString()
                    + " make " + accounted.toPlainString());
        }
    }

    /**
     * Any other event of an Order aggregate that the orders read model takes moves the sequence its
     * {@code last_sequence} is compared with; it takes no book outcome (the status comes with the
     * acceptance and the close).
     */
    private void touchOrder(EventRef ref, Object event) {
        if (event.getClass().getPackageName().equals("org.exchange.api.order")
                && !(event instanceof OrderBookOutcomeRecordedEvent)) {
            order(ref, ref.aggregateId(), true);
        }
    }

    private void conservation(EventRef ref) {
        for (Map.Entry<Asset, BigDecimal> deposited : deposits.entrySet()) {
            Asset asset = deposited.getKey();
            BigDecimal held = traderBalances.getOrDefault(asset, BigDecimal.ZERO)
                    .add(feesCollected.getOrDefault(asset, BigDecimal.ZERO));
            boolean conserved = held.compareTo(deposited.getValue()) == 0;
            if (!conserved && unconserved.add(asset)) {
                breach(Check.CONSERVATION, "NOT_CONSERVED", ref, asset + ": balances " + traderBalances.getOrDefault(asset,
                        BigDecimal.ZERO).toPlainString() + " plus fees collected " + feesCollected.getOrDefault(asset,
                        BigDecimal.ZERO).toPlainString() + " differ from deposits " + deposited.getValue().toPlainString()
                        + " (withdrawals 0) from this position on");
            } else if (conserved) {
                unconserved.remove(asset);
            }
        }
    }

    /** At the end: trades not (fully) settled, postings that never balanced. */
    void finish(List<String> notes) {
        int pending = 0;
        for (Trade trade : trades.values()) {
            boolean recent = Duration.between(trade.where.timestamp(), newest).compareTo(SETTLEMENT_GRACE) < 0;
            // a repeat was reported where it happened
            if (trade.complete()) {
                continue;
            }
            if (recent && trade.settled == 0 && trade.postings.isEmpty()) {
                pending++;
            } else {
                breach(Check.SETTLEMENT, "NOT_SETTLED", trade.where, "trade " + trade.executed.tradeId()
                        + " was executed but " + (trade.settled == 0 ? "never settled" : "settled only partly (record "
                        + trade.settled + ", postings for orders " + trade.postings.keySet() + ", fee " + trade.fees + ")"));
            }
        }
        if (pending > 0) {
            notes.add(pending + " trade(s) executed in the last " + SETTLEMENT_GRACE.toSeconds()
                    + " s before the newest event are still being settled");
        }
        if (!inFlight.isEmpty() && lastEvent != null) {
            // settlements still open at the end: what has moved so far must balance all the same
            conservation(lastEvent);
        }
    }

    Map<String, Map<Asset, Balance>> balances() {
        return balances;
    }

    Map<String, OrderBooks> orders() {
        return orders;
    }

    private Balance balance(EventRef ref, String account, Asset asset) {
        Balance balance = balances.computeIfAbsent(account, a -> new HashMap<>()).computeIfAbsent(asset, a -> new Balance());
        balance.lastSequence = ref.sequence();
        return balance;
    }

    private OrderBooks order(EventRef ref, String orderId, boolean ownEvent) {
        OrderBooks order = orders.computeIfAbsent(orderId, id -> new OrderBooks());
        if (ownEvent) {
            order.lastSequence = ref.sequence();
        }
        return order;
    }

    private void moved(String account, Asset asset, BigDecimal amount) {
        if (!feeAccounts.contains(account)) {
            traderBalances.merge(asset, amount, BigDecimal::add);
        }
    }

    /**
     * @return the balance to go on with: the stated one, so that one divergence is one breach and not one per
     *         later event of the account (conservation still counts the amounts that moved)
     */
    private BigDecimal stated(EventRef ref, String bucket, Asset asset, BigDecimal stated, BigDecimal replayed) {
        if (stated == null) {
            return replayed;
        }
        if (stated.compareTo(replayed) != 0) {
            breach(Check.BALANCES, "STATED_BALANCE_DIFFERS", ref, "the event says " + bucket + " " + asset + " is "
                    + stated.toPlainString() + " after it; the events up to it give " + replayed.toPlainString());
        }
        return stated;
    }

    private void notNegative(EventRef ref, String account, Asset asset, Balance balance) {
        if (balance.available.signum() < 0 || balance.held.signum() < 0) {
            breach(Check.BALANCES, "NEGATIVE_BALANCE", ref, "account " + account + " " + asset + " available "
                    + balance.available.toPlainString() + ", held " + balance.held.toPlainString());
        }
    }

    private void breach(Check check, String kind, EventRef ref, String detail) {
        breaches.accept(Breach.at(check, kind, ref, detail));
    }
}
