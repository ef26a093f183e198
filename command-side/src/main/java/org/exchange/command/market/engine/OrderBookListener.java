package org.exchange.command.market.engine;

/**
 * Receives the outcome of every command, synchronously and in order, on the book's thread. Arguments
 * are primitives and enum constants, so reporting allocates nothing.
 *
 * <p>Per place command the incoming order gets exactly one final event: {@link #onRejected} (then
 * nothing else happens), or {@link #onAccepted} followed by any trades and self-trade expiries of
 * resting orders, then exactly one of {@link #onFilled}, {@link #onRested} or {@link #onExpired}.
 * A resting order that a trade completes gets {@link #onFilled} right after that trade. Filled
 * quantity and average price of any order follow from its {@link #onTrade} events.
 */
public interface OrderBookListener {

    /** The order passed validation and will be matched. */
    void onAccepted(long orderId);

    /** The order was refused; the book is unchanged. */
    void onRejected(long orderId, RejectReason reason);

    /** A trade at the resting (maker) order's price. */
    void onTrade(long makerOrderId, long takerOrderId, long makerAccountId, long takerAccountId,
                 long priceTicks, long quantityLots, Side takerSide);

    /** The order has no quantity (or, for a quote-budget buy, no budget) left. */
    void onFilled(long orderId);

    /** The incoming order's remainder now rests in the book at its limit price. */
    void onRested(long orderId, long priceTicks, long remainingLots);

    /**
     * The order ended without filling. {@code remainingLots} is the unfilled quantity; for a
     * {@link OrderType#MARKET_BY_QUOTE} buy it is 0 and {@code unspentQuote} (tick×lot units) is the
     * budget left, otherwise {@code unspentQuote} is 0.
     */
    void onExpired(long orderId, long remainingLots, long unspentQuote, ExpiryReason reason);

    /** A resting order was canceled on request. */
    void onCanceled(long orderId, long remainingLots);

    /** A cancel changed nothing; the reason is always {@link RejectReason#ORDER_NOT_FOUND} today. */
    void onCancelRejected(long orderId, RejectReason reason);
}
