package org.exchange.command.market.engine;

/**
 * What an incoming order does with the book. Limit orders carry their time in force in the type, so
 * a place command needs one argument for both.
 */
public enum OrderType {
    /** Limit, good till canceled: matches what it can, the remainder rests. */
    LIMIT_GTC,
    /** Limit, immediate or cancel: matches what it can, the remainder expires. */
    LIMIT_IOC,
    /** Limit, fill or kill: fills completely at once, or expires without touching the book. */
    LIMIT_FOK,
    /** Post-only limit: rests without matching, or is rejected with {@link RejectReason#WOULD_TAKE}. */
    LIMIT_MAKER,
    /** Market order for a base quantity in lots: takes what the book has, the remainder expires. */
    MARKET,
    /**
     * Market buy spending at most a quote budget (tick×lot units) on whole lots; the unspent budget
     * is reported when the order ends. Sell is invalid.
     */
    MARKET_BY_QUOTE
}
