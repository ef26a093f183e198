package org.exchange.api.order;

/** Which way an order trades the market's base asset. */
public enum OrderSide {
    BUY,
    SELL;

    public OrderSide opposite() {
        return this == BUY ? SELL : BUY;
    }
}
