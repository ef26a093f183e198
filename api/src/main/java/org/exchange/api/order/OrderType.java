package org.exchange.api.order;

/**
 * The kinds of order a trader can place. Limit orders carry a {@link TimeInForce}; stop orders wait
 * outside the book until the market's last trade price reaches their stop price.
 */
public enum OrderType {
    /** At a limit price; the time in force decides what happens to the unmatched remainder. */
    LIMIT,
    /** At the best prices available now, for a base quantity or (buys only) a quote amount to spend. */
    MARKET,
    /** Becomes a LIMIT order when the last trade price reaches the stop price. */
    STOP_LIMIT,
    /** Becomes a MARKET order when the last trade price reaches the stop price. */
    STOP_MARKET,
    /** Post-only limit order: refused with {@code WOULD_TAKE} if any part would match on arrival. */
    LIMIT_MAKER
}
