package org.exchange.command.market.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The same rules as {@link LimitOrderBook}, written to be obviously correct rather than fast: sorted
 * maps of FIFO queues and plain objects. The differential test holds the fast book to it. It shares
 * only the interfaces and enums with the engine, never its code.
 *
 * <p>Where the engine counts ahead, this book simulates: a fill-or-kill order is tried on a copy of
 * the book and executes only if the copy fills it completely.
 *
 * <p>Public so that the engine benchmark ({@code bench}) can run it beside the engine as a baseline.
 */
public final class ReferenceOrderBook implements OrderBook {

    private static final OrderBookListener SILENT = new SilentListener();

    private static final class Order {
        final long id;
        final long account;
        final Side side;
        final long price;
        long remaining;

        Order(long id, long account, Side side, long price, long remaining) {
            this.id = id;
            this.account = account;
            this.side = side;
            this.price = price;
            this.remaining = remaining;
        }
    }

    /** What is left of an incoming order and why matching stopped. */
    private static final class Taker {
        final long id;
        final long account;
        final Side side;
        /** {@code null} for market orders: any price is acceptable. */
        final Long limit;
        final boolean spendsBudget;
        final SelfTradePrevention stp;
        long remainingLots;
        long unspentBudget;
        ExpiryReason stopReason;

        Taker(long id, long account, Side side, Long limit, boolean spendsBudget, long lots, long budget,
              SelfTradePrevention stp) {
            this.id = id;
            this.account = account;
            this.side = side;
            this.limit = limit;
            this.spendsBudget = spendsBudget;
            this.remainingLots = lots;
            this.unspentBudget = budget;
            this.stp = stp;
        }

        boolean done() {
            return spendsBudget ? unspentBudget == 0 : remainingLots == 0;
        }
    }

    private final OrderBookListener listener;
    private final NavigableMap<Long, ArrayDeque<Order>> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<Long, ArrayDeque<Order>> asks = new TreeMap<>();
    private final Map<Long, Order> ordersById = new HashMap<>();

    public ReferenceOrderBook(OrderBookListener listener) {
        this.listener = listener;
    }

    @Override
    public void place(long orderId, long accountId, Side side, OrderType type, long priceTicks, long quantityLots,
                      long quoteBudget, SelfTradePrevention selfTradePrevention) {
        RejectReason invalid = validate(orderId, side, type, priceTicks, quantityLots, quoteBudget);
        if (invalid != null) {
            listener.onRejected(orderId, invalid);
            return;
        }
        SelfTradePrevention stp = selfTradePrevention == null ? SelfTradePrevention.EXPIRE_TAKER : selfTradePrevention;
        if (type == OrderType.LIMIT_MAKER) {
            Map.Entry<Long, ArrayDeque<Order>> bestOpposite = opposite(side).firstEntry();
            if (bestOpposite != null && priceAcceptable(side, priceTicks, bestOpposite.getKey())) {
                listener.onRejected(orderId, RejectReason.WOULD_TAKE);
                return;
            }
            listener.onAccepted(orderId);
            rest(orderId, accountId, side, priceTicks, quantityLots);
            return;
        }
        listener.onAccepted(orderId);
        Long limit = type == OrderType.MARKET || type == OrderType.MARKET_BY_QUOTE ? null : priceTicks;
        Taker taker = new Taker(orderId, accountId, side, limit, type == OrderType.MARKET_BY_QUOTE,
                quantityLots, quoteBudget, stp);
        if (type == OrderType.LIMIT_FOK && !wouldFillCompletely(taker)) {
            listener.onExpired(orderId, quantityLots, 0, ExpiryReason.NOT_FULLY_FILLABLE);
            return;
        }
        match(taker);
        if (taker.done()) {
            listener.onFilled(orderId);
        } else if (type == OrderType.LIMIT_GTC && taker.stopReason != ExpiryReason.SELF_TRADE) {
            rest(orderId, accountId, side, priceTicks, taker.remainingLots);
        } else if (taker.spendsBudget) {
            listener.onExpired(orderId, 0, taker.unspentBudget, taker.stopReason);
        } else {
            listener.onExpired(orderId, taker.remainingLots, 0, taker.stopReason);
        }
    }

    private RejectReason validate(long orderId, Side side, OrderType type, long price, long quantity, long budget) {
        if (side == null || type == null) {
            return RejectReason.INVALID_ORDER;
        }
        if (type == OrderType.MARKET_BY_QUOTE && side == Side.SELL) {
            return RejectReason.INVALID_ORDER;
        }
        boolean limitOrder = type != OrderType.MARKET && type != OrderType.MARKET_BY_QUOTE;
        if (limitOrder && price <= 0) {
            return RejectReason.INVALID_PRICE;
        }
        if (type == OrderType.MARKET_BY_QUOTE ? budget <= 0 : quantity <= 0) {
            return RejectReason.INVALID_QUANTITY;
        }
        if (ordersById.containsKey(orderId)) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        return null;
    }

    /** Takes from the opposite side, best price first and oldest first, until the taker is done or must stop. */
    private void match(Taker taker) {
        NavigableMap<Long, ArrayDeque<Order>> makers = opposite(taker.side);
        while (!taker.done()) {
            Map.Entry<Long, ArrayDeque<Order>> best = makers.firstEntry();
            if (best == null || (taker.limit != null && !priceAcceptable(taker.side, taker.limit, best.getKey()))) {
                taker.stopReason = ExpiryReason.NO_LIQUIDITY;
                return;
            }
            long price = best.getKey();
            if (taker.spendsBudget && taker.unspentBudget < price) {
                taker.stopReason = ExpiryReason.BUDGET_BELOW_LOT_PRICE;
                return;
            }
            Order maker = best.getValue().peekFirst();
            if (maker.account == taker.account) {
                SelfTradePrevention stp = taker.stp;
                if (stp == SelfTradePrevention.EXPIRE_MAKER || stp == SelfTradePrevention.EXPIRE_BOTH) {
                    removeFromBook(maker);
                    listener.onExpired(maker.id, maker.remaining, 0, ExpiryReason.SELF_TRADE);
                }
                if (stp == SelfTradePrevention.EXPIRE_TAKER || stp == SelfTradePrevention.EXPIRE_BOTH) {
                    taker.stopReason = ExpiryReason.SELF_TRADE;
                    return;
                }
                continue;
            }
            long wanted = taker.spendsBudget ? taker.unspentBudget / price : taker.remainingLots;
            long lots = Math.min(wanted, maker.remaining);
            listener.onTrade(maker.id, taker.id, maker.account, taker.account, price, lots, taker.side);
            if (taker.spendsBudget) {
                taker.unspentBudget -= lots * price;
            } else {
                taker.remainingLots -= lots;
            }
            maker.remaining -= lots;
            if (maker.remaining == 0) {
                removeFromBook(maker);
                listener.onFilled(maker.id);
            }
        }
    }

    private boolean wouldFillCompletely(Taker taker) {
        ReferenceOrderBook trial = copyReportingTo(SILENT);
        Taker trialTaker = new Taker(taker.id, taker.account, taker.side, taker.limit, taker.spendsBudget,
                taker.remainingLots, taker.unspentBudget, taker.stp);
        trial.match(trialTaker);
        return trialTaker.done();
    }

    private ReferenceOrderBook copyReportingTo(OrderBookListener otherListener) {
        ReferenceOrderBook copy = new ReferenceOrderBook(otherListener);
        for (ArrayDeque<Order> level : bids.values()) {
            for (Order order : level) {
                copy.rest(order.id, order.account, order.side, order.price, order.remaining);
            }
        }
        for (ArrayDeque<Order> level : asks.values()) {
            for (Order order : level) {
                copy.rest(order.id, order.account, order.side, order.price, order.remaining);
            }
        }
        return copy;
    }

    private void rest(long id, long account, Side side, long price, long quantity) {
        Order order = new Order(id, account, side, price, quantity);
        own(side).computeIfAbsent(price, ignored -> new ArrayDeque<>()).addLast(order);
        ordersById.put(id, order);
        listener.onRested(id, price, quantity);
    }

    private void removeFromBook(Order order) {
        NavigableMap<Long, ArrayDeque<Order>> side = own(order.side);
        ArrayDeque<Order> level = side.get(order.price);
        level.remove(order);
        if (level.isEmpty()) {
            side.remove(order.price);
        }
        ordersById.remove(order.id);
    }

    @Override
    public void cancel(long orderId) {
        Order order = ordersById.get(orderId);
        if (order == null) {
            listener.onCancelRejected(orderId, RejectReason.ORDER_NOT_FOUND);
            return;
        }
        removeFromBook(order);
        listener.onCanceled(orderId, order.remaining);
    }

    private static boolean priceAcceptable(Side takerSide, long limit, long makerPrice) {
        return takerSide == Side.BUY ? makerPrice <= limit : makerPrice >= limit;
    }

    private NavigableMap<Long, ArrayDeque<Order>> own(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private NavigableMap<Long, ArrayDeque<Order>> opposite(Side side) {
        return side == Side.BUY ? asks : bids;
    }

    @Override
    public long bestBid() {
        return bids.isEmpty() ? NO_PRICE : bids.firstKey();
    }

    @Override
    public long bestAsk() {
        return asks.isEmpty() ? NO_PRICE : asks.firstKey();
    }

    @Override
    public int depth(Side side, int maxLevels, long[] pricesTicks, long[] quantitiesLots, int[] orderCounts) {
        int limit = Math.min(maxLevels, Math.min(pricesTicks.length, Math.min(quantitiesLots.length, orderCounts.length)));
        int written = 0;
        for (Map.Entry<Long, ArrayDeque<Order>> level : own(side).entrySet()) {
            if (written == limit) {
                break;
            }
            pricesTicks[written] = level.getKey();
            quantitiesLots[written] = level.getValue().stream().mapToLong(order -> order.remaining).sum();
            orderCounts[written] = level.getValue().size();
            written++;
        }
        return written;
    }

    @Override
    public long remainingQuantity(long orderId) {
        Order order = ordersById.get(orderId);
        return order == null ? 0 : order.remaining;
    }

    @Override
    public int restingOrderCount() {
        return ordersById.size();
    }

    @Override
    public long stateHash() {
        List<Order> inPriorityOrder = new ArrayList<>();
        bids.values().forEach(inPriorityOrder::addAll);
        asks.values().forEach(inPriorityOrder::addAll);
        long hash = 1;
        for (Order order : inPriorityOrder) {
            for (long field : new long[] {order.id, order.account, order.side == Side.BUY ? 1 : 2, order.price,
                    order.remaining}) {
                hash = (hash ^ field) * 0x9E3779B97F4A7C15L;
                hash ^= hash >>> 32;
            }
        }
        return hash;
    }

    private static final class SilentListener implements OrderBookListener {
        @Override public void onAccepted(long orderId) { }
        @Override public void onRejected(long orderId, RejectReason reason) { }
        @Override public void onTrade(long makerOrderId, long takerOrderId, long makerAccountId, long takerAccountId,
                                      long priceTicks, long quantityLots, Side takerSide) { }
        @Override public void onFilled(long orderId) { }
        @Override public void onRested(long orderId, long priceTicks, long remainingLots) { }
        @Override public void onExpired(long orderId, long remainingLots, long unspentQuote, ExpiryReason reason) { }
        @Override public void onCanceled(long orderId, long remainingLots) { }
        @Override public void onCancelRejected(long orderId, RejectReason reason) { }
    }
}
