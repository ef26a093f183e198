package org.exchange.command.market.engine;

/** The matching rules, held against the engine; small pools so that growing them is exercised too. */
class LimitOrderBookRulesTest extends OrderBookRules {

    @Override
    protected OrderBook createBook(OrderBookListener listener) {
        return new LimitOrderBook(listener, 2, 1);
    }
}
