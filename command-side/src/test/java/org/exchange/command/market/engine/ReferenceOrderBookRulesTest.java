package org.exchange.command.market.engine;

/** The matching rules, held against the reference book, so that the differential test compares to a correct oracle. */
class ReferenceOrderBookRulesTest extends OrderBookRules {

    @Override
    protected OrderBook createBook(OrderBookListener listener) {
        return new ReferenceOrderBook(listener);
    }
}
