package org.exchange.query.market.live;

import java.math.BigDecimal;
import java.util.List;

/**
 * The best price levels of a market's book, as every API that shows depth reads them.
 *
 * @param sequence the Market aggregate's sequence number of the last event the book reflects: the
 *                 depth streams' diffs continue from it
 * @param bids     best (highest) first
 * @param asks     best (lowest) first
 */
public record BookDepth(String market, long sequence, List<Level> bids, List<Level> asks) {

    /** A price level: the total quantity resting at one price. */
    public record Level(BigDecimal price, BigDecimal quantity) {

        /** {@code [price, quantity]} as plain decimal strings, exactly as the events give them. */
        public List<String> pair() {
            return List.of(price.toPlainString(), quantity.toPlainString());
        }
    }
}
