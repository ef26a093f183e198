package org.exchange.api.order;

/** Whether an order's side of a trade was resting in the book (maker) or arrived and matched (taker). */
public enum Liquidity {
    MAKER,
    TAKER
}
