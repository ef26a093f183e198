package org.exchange.command.market;

import org.exchange.api.market.MarketSpec;
import org.exchange.command.market.engine.OrderBook;
import org.exchange.command.market.engine.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.LongUnaryOperator;

/**
 * What a market buy for a base quantity would cost if it arrived now: the notional of the cheapest
 * lots it would take from the asks, plus the taker fee on that notional rounded down. The account's
 * own asks are left out, because self-trade prevention never trades with them: under EXPIRE_MAKER
 * the walk skips them exactly as the engine does, and under the other modes the engine stops at the
 * first of them, so it spends at most this much. Per-trade fees each round down, so their sum never
 * exceeds the fee on the sum.
 */
final class MarketBuyCost {

    private static final int FIRST_DEPTH = 64;

    private MarketBuyCost() {
    }

    /** @param ownAskLots the lots the buying account rests on the ask side at a price in ticks */
    static BigDecimal of(OrderBook book, MarketSpec spec, long lots, LongUnaryOperator ownAskLots,
                         int quoteScale) {
        long units = notionalUnits(book, lots, ownAskLots);
        BigDecimal notional = spec.tickSize().multiply(spec.stepSize()).multiply(BigDecimal.valueOf(units));
        BigDecimal fee = notional.multiply(spec.takerFeeRate()).setScale(quoteScale, RoundingMode.DOWN);
        return notional.add(fee);
    }

    /** Σ price × lots in tick×lot units over the lots the order would take. */
    private static long notionalUnits(OrderBook book, long lots, LongUnaryOperator ownAskLots) {
        for (int depth = FIRST_DEPTH; ; depth *= 2) {
            long[] prices = new long[depth];
            long[] quantities = new long[depth];
            int levels = book.depth(Side.SELL, depth, prices, quantities, new int[depth]);
            long remaining = lots;
            long units = 0;
            for (int level = 0; level < levels && remaining > 0; level++) {
                long takeable = Math.min(remaining, quantities[level] - ownAskLots.applyAsLong(prices[level]));
                units = Math.addExact(units, Math.multiplyExact(takeable, prices[level]));
                remaining -= takeable;
            }
            if (remaining == 0 || levels < depth) {
                return units;
            }
        }
    }
}
