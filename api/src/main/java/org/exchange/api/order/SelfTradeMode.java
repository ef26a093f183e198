package org.exchange.api.order;

/** What happens when an incoming order would trade with a resting order of the same account. */
public enum SelfTradeMode {
    /** The incoming order's remainder expires (the default). */
    EXPIRE_TAKER,
    /** The resting order expires; matching continues. */
    EXPIRE_MAKER,
    /** Both expire. */
    EXPIRE_BOTH
}
