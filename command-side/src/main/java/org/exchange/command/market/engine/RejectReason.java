package org.exchange.command.market.engine;

/** Why a command changed nothing. A rejected order never reaches the book and is not remembered. */
public enum RejectReason {
    /** Side or type missing, or a {@link OrderType#MARKET_BY_QUOTE} sell. */
    INVALID_ORDER,
    /** A limit price that is not a positive number of ticks. */
    INVALID_PRICE,
    /** A quantity (or, for {@link OrderType#MARKET_BY_QUOTE}, a quote budget) that is not positive. */
    INVALID_QUANTITY,
    /** An order with this id is resting in the book. */
    DUPLICATE_ORDER_ID,
    /** A post-only order whose price reaches the best opposite price. */
    WOULD_TAKE,
    /** Cancel of an order that is not resting: unknown, filled, expired or already canceled. */
    ORDER_NOT_FOUND
}
