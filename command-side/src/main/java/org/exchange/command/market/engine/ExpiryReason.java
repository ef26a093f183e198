package org.exchange.command.market.engine;

/** Why an order (or its remainder) left the book, or never rested, without being filled or canceled. */
public enum ExpiryReason {
    /** IOC or market remainder: nothing (more) to match at an acceptable price. */
    NO_LIQUIDITY,
    /** A fill-or-kill order the book could not fill completely; nothing traded. */
    NOT_FULLY_FILLABLE,
    /** Self-trade prevention expired this order (taker remainder or resting maker). */
    SELF_TRADE,
    /** A quote-budget market buy whose unspent budget cannot buy one lot at the best ask. */
    BUDGET_BELOW_LOT_PRICE
}
