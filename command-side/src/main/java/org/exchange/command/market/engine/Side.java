package org.exchange.command.market.engine;

/** The side of the book an order is placed on. */
public enum Side {
    BUY,
    SELL
}
