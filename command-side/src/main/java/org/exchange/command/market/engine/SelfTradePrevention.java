package org.exchange.command.market.engine;

/**
 * What happens when an incoming order reaches a resting order of the same account. The incoming
 * order's mode decides; a {@code null} mode means {@link #EXPIRE_TAKER}.
 */
public enum SelfTradePrevention {
    /** The incoming order's remainder expires with {@link ExpiryReason#SELF_TRADE}; the resting order stays. */
    EXPIRE_TAKER,
    /** The resting order expires with {@link ExpiryReason#SELF_TRADE}; matching continues. */
    EXPIRE_MAKER,
    /** Both the resting order and the incoming order's remainder expire. */
    EXPIRE_BOTH
}
