package org.exchange.command.market.engine;

/**
 * The matching engine of one market: a limit order book with price-time priority, driven by a
 * single thread (no locks, no static state, so several books and benchmarks can coexist).
 *
 * <p>Rules, shared with the reference implementation the tests compare against:
 * <ul>
 *   <li>An incoming order meets the best opposite price level first and, within a level, the oldest
 *   order first. Every trade is at the resting (maker) order's price.</li>
 *   <li>Before trading with a resting order of its own account the incoming order applies its
 *   {@link SelfTradePrevention} mode. A resting order is only considered when its price is
 *   acceptable and (for a quote-budget buy) the budget buys at least one lot at it.</li>
 *   <li>A fill-or-kill order executes only if the matching walk above, run on the current book,
 *   would fill it completely: quantity behind a same-account order at which matching would stop
 *   (EXPIRE_TAKER, EXPIRE_BOTH) does not count, and under EXPIRE_MAKER same-account orders are
 *   skipped and do not count. If it executes, same-account orders met on the way are expired as in
 *   normal matching; if not, it expires and nothing in the book changes.</li>
 *   <li>A quote-budget buy takes, at each resting order, the whole lots its remaining budget pays
 *   for (rounding down), and stops at the first price it cannot afford one lot of; it is filled only
 *   when the budget is spent exactly, otherwise it expires reporting the unspent budget.</li>
 *   <li>A post-only order is rejected when its price reaches the best opposite price, whoever owns
 *   the orders there.</li>
 * </ul>
 *
 * <p>Nothing is allocated per command once the pools of order nodes and price levels and the order
 * index have grown to the book's peak size; they are preallocated from the expected sizes.
 */
public final class LimitOrderBook implements OrderBook {

    private static final int DEFAULT_EXPECTED_ORDERS = 1 << 16;
    private static final int DEFAULT_EXPECTED_LEVELS = 1 << 10;
    /** A market buy accepts any ask price. */
    private static final long MARKET_BUY_LIMIT = Long.MAX_VALUE;
    /** A market sell accepts any bid price. */
    private static final long MARKET_SELL_LIMIT = Long.MIN_VALUE;

    private final OrderBookListener listener;
    private final BookSide bids;
    private final BookSide asks;
    private final OrderIndex restingOrders;
    private OrderNode freeNodes;
    /**
     * Why the last matching walk stopped with quantity or budget left. A field rather than a return
     * value so that the walk can return the remainder without allocating a result.
     */
    private ExpiryReason stopReason;

    public LimitOrderBook(OrderBookListener listener) {
        this(listener, DEFAULT_EXPECTED_ORDERS, DEFAULT_EXPECTED_LEVELS);
    }

    public LimitOrderBook(OrderBookListener listener, int expectedOrders, int expectedLevelsPerSide) {
        this.listener = listener;
        this.bids = new BookSide(Side.BUY, expectedLevelsPerSide);
        this.asks = new BookSide(Side.SELL, expectedLevelsPerSide);
        this.restingOrders = new OrderIndex(expectedOrders);
        for (int i = 0; i < expectedOrders; i++) {
            OrderNode node = new OrderNode();
            node.next = freeNodes;
            freeNodes = node;
        }
    }

    @Override
    public void place(long orderId, long accountId, Side side, OrderType type, long priceTicks,
                      long quantityLots, long quoteBudget, SelfTradePrevention selfTradePrevention) {
        RejectReason invalid = validate(orderId, side, type, priceTicks, quantityLots, quoteBudget);
        if (invalid != null) {
            listener.onRejected(orderId, invalid);
            return;
        }
        SelfTradePrevention stp = selfTradePrevention == null ? SelfTradePrevention.EXPIRE_TAKER : selfTradePrevention;
        switch (type) {
            case LIMIT_GTC -> placeGoodTillCanceled(orderId, accountId, side, priceTicks, quantityLots, stp);
            case LIMIT_IOC -> placeImmediateOrCancel(orderId, accountId, side, priceTicks, quantityLots, stp);
            case LIMIT_FOK -> placeFillOrKill(orderId, accountId, side, priceTicks, quantityLots, stp);
            case LIMIT_MAKER -> placePostOnly(orderId, accountId, side, priceTicks, quantityLots);
            case MARKET -> placeMarket(orderId, accountId, side, quantityLots, stp);
            case MARKET_BY_QUOTE -> placeMarketByQuote(orderId, accountId, quoteBudget, stp);
        }
    }

    @Override
    public void cancel(long orderId) {
        OrderNode node = restingOrders.get(orderId);
        if (node == null) {
            listener.onCancelRejected(orderId, RejectReason.ORDER_NOT_FOUND);
            return;
        }
        long remaining = node.remaining;
        removeResting(node);
        listener.onCanceled(orderId, remaining);
    }

    private RejectReason validate(long orderId, Side side, OrderType type, long price, long quantity,
                                  long quoteBudget) {
        if (side == null || type == null) {
            return RejectReason.INVALID_ORDER;
        }
        if (type == OrderType.MARKET_BY_QUOTE) {
            if (side != Side.BUY) {
                return RejectReason.INVALID_ORDER;
            }
        } else if (type != OrderType.MARKET && price <= 0) {
            return RejectReason.INVALID_PRICE;
        }
        if ((type == OrderType.MARKET_BY_QUOTE ? quoteBudget : quantity) <= 0) {
            return RejectReason.INVALID_QUANTITY;
        }
        if (restingOrders.get(orderId) != null) {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        return null;
    }

    private void placeGoodTillCanceled(long orderId, long accountId, Side side, long price, long quantity,
                                       SelfTradePrevention stp) {
        listener.onAccepted(orderId);
        long remaining = match(orderId, accountId, side, price, quantity, stp);
        if (remaining == 0) {
            listener.onFilled(orderId);
        } else if (stopReason == ExpiryReason.SELF_TRADE) {
            listener.onExpired(orderId, remaining, 0, ExpiryReason.SELF_TRADE);
        } else {
            rest(orderId, accountId, side, price, remaining);
        }
    }

    private void placeImmediateOrCancel(long orderId, long accountId, Side side, long price, long quantity,
                                        SelfTradePrevention stp) {
        listener.onAccepted(orderId);
        long remaining = match(orderId, accountId, side, price, quantity, stp);
        endImmediately(orderId, remaining);
    }

    private void placeFillOrKill(long orderId, long accountId, Side side, long price, long quantity,
                                 SelfTradePrevention stp) {
        listener.onAccepted(orderId);
        if (fillableQuantity(accountId, side, price, quantity, stp) < quantity) {
            listener.onExpired(orderId, quantity, 0, ExpiryReason.NOT_FULLY_FILLABLE);
            return;
        }
        long remaining = match(orderId, accountId, side, price, quantity, stp);
        // the dry run guarantees a complete fill; reporting the remainder keeps a bug visible
        endImmediately(orderId, remaining);
    }

    private void placePostOnly(long orderId, long accountId, Side side, long price, long quantity) {
        PriceLevel bestOpposite = opposite(side).best();
        if (bestOpposite != null && acceptable(side, price, bestOpposite.price)) {
            listener.onRejected(orderId, RejectReason.WOULD_TAKE);
            return;
        }
        listener.onAccepted(orderId);
        rest(orderId, accountId, side, price, quantity);
    }

    private void placeMarket(long orderId, long accountId, Side side, long quantity, SelfTradePrevention stp) {
        listener.onAccepted(orderId);
        long limit = side == Side.BUY ? MARKET_BUY_LIMIT : MARKET_SELL_LIMIT;
        long remaining = match(orderId, accountId, side, limit, quantity, stp);
        endImmediately(orderId, remaining);
    }

    private void placeMarketByQuote(long orderId, long accountId, long budget, SelfTradePrevention stp) {
        listener.onAccepted(orderId);
        long unspent = matchBudget(orderId, accountId, budget, stp);
        if (unspent == 0) {
            listener.onFilled(orderId);
        } else {
            listener.onExpired(orderId, 0, unspent, stopReason);
        }
    }

    private void endImmediately(long orderId, long remaining) {
        if (remaining == 0) {
            listener.onFilled(orderId);
        } else {
            listener.onExpired(orderId, remaining, 0, stopReason);
        }
    }

    /**
     * Matches an incoming order against the opposite side up to its limit price and returns the
     * unfilled quantity; when that is not 0, {@link #stopReason} says why matching stopped.
     */
    private long match(long takerId, long takerAccount, Side takerSide, long limit, long quantity,
                       SelfTradePrevention stp) {
        BookSide makers = opposite(takerSide);
        long remaining = quantity;
        while (remaining > 0) {
            PriceLevel level = makers.best();
            if (level == null || !acceptable(takerSide, limit, level.price)) {
                stopReason = ExpiryReason.NO_LIQUIDITY;
                return remaining;
            }
            OrderNode maker = level.head;
            if (maker.accountId == takerAccount) {
                if (preventSelfTrade(maker, stp)) {
                    return remaining;
                }
                continue;
            }
            long quantityTraded = Math.min(remaining, maker.remaining);
            remaining -= quantityTraded;
            trade(maker, takerId, takerAccount, takerSide, quantityTraded);
        }
        return remaining;
    }

    /**
     * Matches a market buy that spends a quote budget on whole lots and returns the unspent budget;
     * when that is not 0, {@link #stopReason} says why matching stopped.
     */
    private long matchBudget(long takerId, long takerAccount, long budget, SelfTradePrevention stp) {
        long unspent = budget;
        while (unspent > 0) {
            PriceLevel level = asks.best();
            if (level == null) {
                stopReason = ExpiryReason.NO_LIQUIDITY;
                return unspent;
            }
            long affordableLots = unspent / level.price;
            if (affordableLots == 0) {
                // asks only get dearer behind the best level, so nothing further is affordable
                stopReason = ExpiryReason.BUDGET_BELOW_LOT_PRICE;
                return unspent;
            }
            OrderNode maker = level.head;
            if (maker.accountId == takerAccount) {
                if (preventSelfTrade(maker, stp)) {
                    return unspent;
                }
                continue;
            }
            long quantityTraded = Math.min(affordableLots, maker.remaining);
            // quantityTraded * price <= unspent, so this cannot overflow
            unspent -= quantityTraded * level.price;
            trade(maker, takerId, takerAccount, Side.BUY, quantityTraded);
        }
        return unspent;
    }

    /**
     * Applies the incoming order's self-trade prevention to a same-account resting order and says
     * whether matching must stop (setting {@link #stopReason}).
     */
    private boolean preventSelfTrade(OrderNode maker, SelfTradePrevention stp) {
        if (stp != SelfTradePrevention.EXPIRE_TAKER) {
            long makerRemaining = maker.remaining;
            long makerId = maker.orderId;
            removeResting(maker);
            listener.onExpired(makerId, makerRemaining, 0, ExpiryReason.SELF_TRADE);
        }
        if (stp != SelfTradePrevention.EXPIRE_MAKER) {
            stopReason = ExpiryReason.SELF_TRADE;
            return true;
        }
        return false;
    }

    private void trade(OrderNode maker, long takerId, long takerAccount, Side takerSide, long quantity) {
        long makerId = maker.orderId;
        listener.onTrade(makerId, takerId, maker.accountId, takerAccount, maker.price, quantity, takerSide);
        maker.remaining -= quantity;
        maker.level.totalQuantity -= quantity;
        if (maker.remaining == 0) {
            removeResting(maker);
            listener.onFilled(makerId);
        }
    }

    /**
     * The quantity the matching walk in {@link #match} would fill for this order on the current book,
     * counted without changing anything; stops counting once {@code quantity} is reached.
     */
    private long fillableQuantity(long takerAccount, Side takerSide, long limit, long quantity,
                                  SelfTradePrevention stp) {
        BookSide makers = opposite(takerSide);
        long fillable = 0;
        for (int distance = 0; distance < makers.levelCount(); distance++) {
            PriceLevel level = makers.fromBest(distance);
            if (!acceptable(takerSide, limit, level.price)) {
                return fillable;
            }
            for (OrderNode maker = level.head; maker != null; maker = maker.next) {
                if (maker.accountId == takerAccount) {
                    if (stp == SelfTradePrevention.EXPIRE_MAKER) {
                        continue;
                    }
                    return fillable;
                }
                fillable += maker.remaining;
                if (fillable >= quantity) {
                    return fillable;
                }
            }
        }
        return fillable;
    }

    private void rest(long orderId, long accountId, Side side, long price, long quantity) {
        link(orderId, accountId, side, price, quantity);
        listener.onRested(orderId, price, quantity);
    }

    private void link(long orderId, long accountId, Side side, long price, long quantity) {
        OrderNode node = takeFreeNode();
        node.orderId = orderId;
        node.accountId = accountId;
        node.side = side;
        node.price = price;
        node.remaining = quantity;
        own(side).findOrCreate(price).append(node);
        restingOrders.put(orderId, node);
    }

    private void removeResting(OrderNode node) {
        PriceLevel level = node.level;
        level.unlink(node);
        if (level.isEmpty()) {
            own(node.side).remove(level);
        }
        restingOrders.remove(node.orderId);
        node.clear();
        node.next = freeNodes;
        freeNodes = node;
    }

    private OrderNode takeFreeNode() {
        OrderNode node = freeNodes;
        if (node == null) {
            return new OrderNode();
        }
        freeNodes = node.next;
        node.next = null;
        return node;
    }

    private static boolean acceptable(Side takerSide, long limit, long makerPrice) {
        return takerSide == Side.BUY ? makerPrice <= limit : makerPrice >= limit;
    }

    private BookSide own(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private BookSide opposite(Side side) {
        return side == Side.BUY ? asks : bids;
    }

    @Override
    public long bestBid() {
        PriceLevel best = bids.best();
        return best == null ? NO_PRICE : best.price;
    }

    @Override
    public long bestAsk() {
        PriceLevel best = asks.best();
        return best == null ? NO_PRICE : best.price;
    }

    @Override
    public int depth(Side side, int maxLevels, long[] pricesTicks, long[] quantitiesLots, int[] orderCounts) {
        BookSide book = own(side);
        int count = Math.min(Math.min(maxLevels, book.levelCount()),
                Math.min(pricesTicks.length, Math.min(quantitiesLots.length, orderCounts.length)));
        for (int i = 0; i < count; i++) {
            PriceLevel level = book.fromBest(i);
            pricesTicks[i] = level.price;
            quantitiesLots[i] = level.totalQuantity;
            orderCounts[i] = level.orderCount;
        }
        return count;
    }

    @Override
    public long remainingQuantity(long orderId) {
        OrderNode node = restingOrders.get(orderId);
        return node == null ? 0 : node.remaining;
    }

    @Override
    public int restingOrderCount() {
        return restingOrders.size();
    }

    /** Receives the resting orders of a book, as {@link #forEachResting} visits them. */
    @FunctionalInterface
    public interface RestingOrderVisitor {
        void visit(long orderId, long accountId, Side side, long priceTicks, long remainingLots);
    }

    /**
     * Visits every resting order in priority order: bids best price first, then asks best price first,
     * each level oldest first (the order of {@link #stateHash()}). Restoring them in this order with
     * {@link #restoreResting} rebuilds the same book.
     */
    public void forEachResting(RestingOrderVisitor visitor) {
        visitSide(bids, visitor);
        visitSide(asks, visitor);
    }

    private static void visitSide(BookSide side, RestingOrderVisitor visitor) {
        for (int distance = 0; distance < side.levelCount(); distance++) {
            for (OrderNode node = side.fromBest(distance).head; node != null; node = node.next) {
                visitor.visit(node.orderId, node.accountId, node.side, node.price, node.remaining);
            }
        }
    }

    /**
     * Puts an order back into the book exactly as it rested, behind the orders already at its price,
     * without matching and without telling the listener: for rebuilding a book from a copy of its
     * resting orders (visited by {@link #forEachResting}). Refuses what no book can hold: a duplicate
     * id, a non-positive price or quantity, or a price that reaches the opposite side.
     */
    public void restoreResting(long orderId, long accountId, Side side, long priceTicks, long remainingLots) {
        if (side == null || priceTicks <= 0 || remainingLots <= 0 || restingOrders.get(orderId) != null) {
            throw new IllegalArgumentException("cannot restore order " + orderId + " into the book");
        }
        PriceLevel bestOpposite = opposite(side).best();
        if (bestOpposite != null && acceptable(side, priceTicks, bestOpposite.price)) {
            throw new IllegalArgumentException("restoring order " + orderId + " would cross the book");
        }
        link(orderId, accountId, side, priceTicks, remainingLots);
    }

    @Override
    public long stateHash() {
        long[] hash = {1};
        forEachResting((orderId, accountId, side, priceTicks, remainingLots) -> {
            long h = mix(hash[0], orderId);
            h = mix(h, accountId);
            h = mix(h, side == Side.BUY ? 1 : 2);
            h = mix(h, priceTicks);
            hash[0] = mix(h, remainingLots);
        });
        return hash[0];
    }

    private static long mix(long hash, long field) {
        long h = (hash ^ field) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
