package org.exchange.command.market.engine;

/**
 * A single-market limit order book with price-time priority, driven by one thread. Outcomes go to
 * the {@link OrderBookListener} given at construction; no method throws for a business outcome.
 *
 * <p>Prices are {@code long} ticks, quantities {@code long} lots and quote amounts {@code long}
 * tick×lot units, all scaled per market by the caller.
 */
public interface OrderBook {

    /** Returned by {@link #bestBid()} and {@link #bestAsk()} for an empty side; valid prices are positive. */
    long NO_PRICE = 0L;

    /**
     * Places an order. Fields the type does not use are ignored: price for market orders, quantity
     * for {@link OrderType#MARKET_BY_QUOTE}, quote budget for every other type.
     *
     * <p>Validation, first failure wins: side and type present, else {@code INVALID_ORDER};
     * quote-budget orders must buy, else {@code INVALID_ORDER}; limit types need a positive price,
     * else {@code INVALID_PRICE}; a positive quantity (quote budget for quote-budget orders), else
     * {@code INVALID_QUANTITY}; no resting order with the same id, else {@code DUPLICATE_ORDER_ID}.
     * Ids of orders that have left the book are not remembered; keeping ids unique over time is the
     * caller's job.
     */
    void place(long orderId, long accountId, Side side, OrderType type, long priceTicks,
               long quantityLots, long quoteBudget, SelfTradePrevention selfTradePrevention);

    /** Cancels a resting order, or reports {@link RejectReason#ORDER_NOT_FOUND} and changes nothing. */
    void cancel(long orderId);

    /** The highest resting buy price, or {@link #NO_PRICE}. */
    long bestBid();

    /** The lowest resting sell price, or {@link #NO_PRICE}. */
    long bestAsk();

    /**
     * Copies up to {@code maxLevels} levels of one side, best first, into the caller's arrays (so a
     * caller can reuse them) and returns how many levels were written. Arrays shorter than
     * {@code maxLevels} limit the count.
     */
    int depth(Side side, int maxLevels, long[] pricesTicks, long[] quantitiesLots, int[] orderCounts);

    /** The remaining quantity of a resting order, or 0 when no order with this id rests. */
    long remainingQuantity(long orderId);

    /** How many orders rest on both sides together. */
    int restingOrderCount();

    /**
     * A hash of the whole book, equal for equal books in every implementation. Orders are visited in
     * priority order: bids best price first, then asks best price first, each level oldest first.
     * Starting from {@code h = 1}, each order folds in its id, account id, side (BUY 1, SELL 2),
     * price and remaining quantity, one field {@code x} at a time as
     * {@code h = (h ^ x) * 0x9E3779B97F4A7C15L; h ^= h >>> 32}.
     */
    long stateHash();
}
