package org.exchange.query.stream;

/** Which markets exist, for checking a market data subscription. */
public interface MarketDirectory {

    boolean exists(String market);
}
