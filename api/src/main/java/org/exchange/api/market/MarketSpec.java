package org.exchange.api.market;

import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;

import java.math.BigDecimal;

/**
 * The trading rules of a market. Prices are quoted in {@code quote} per one {@code base}.
 *
 * @param tickSize     smallest price increment; every price is a multiple of it
 * @param stepSize     smallest quantity increment (lot); every quantity is a multiple of it
 * @param minQuantity  smallest order quantity, a multiple of {@code stepSize}
 * @param maxQuantity  largest order quantity, a multiple of {@code stepSize}
 * @param minNotional  smallest price × quantity of an order, in quote
 * @param makerFeeRate fee rate charged to the resting side of a trade, e.g. {@code 0.001} = 0.1 %
 * @param takerFeeRate fee rate charged to the incoming side of a trade
 */
public record MarketSpec(
        Asset base,
        Asset quote,
        BigDecimal tickSize,
        BigDecimal stepSize,
        BigDecimal minQuantity,
        BigDecimal maxQuantity,
        BigDecimal minNotional,
        BigDecimal makerFeeRate,
        BigDecimal takerFeeRate) {

    /** Fees above this are surely a typo (5 %). */
    public static final BigDecimal MAX_FEE_RATE = new BigDecimal("0.05");

    /**
     * Checks the rules are coherent, given how many decimals each asset carries. Every violation is
     * {@link ErrorCode#INVALID_MARKET_SPEC} with a message naming the field.
     */
    public MarketSpec validated(int baseScale, int quoteScale) {
        require(!base.equals(quote), "base and quote must differ");
        positive("tickSize", tickSize);
        positive("stepSize", stepSize);
        positive("minQuantity", minQuantity);
        positive("maxQuantity", maxQuantity);
        notNegative("minNotional", minNotional);
        require(scale(tickSize) <= quoteScale, "tickSize has more decimals than " + quote + " (" + quoteScale + ")");
        require(scale(minNotional) <= quoteScale, "minNotional has more decimals than " + quote + " (" + quoteScale + ")");
        require(scale(stepSize) <= baseScale, "stepSize has more decimals than " + base + " (" + baseScale + ")");
        require(scale(tickSize) + scale(stepSize) <= quoteScale,
                "tickSize × stepSize must be expressible in " + quote + " (" + quoteScale + " decimals), so that every trade's value is exact");
        require(multipleOf(minQuantity, stepSize), "minQuantity must be a multiple of stepSize");
        require(multipleOf(maxQuantity, stepSize), "maxQuantity must be a multiple of stepSize");
        require(minQuantity.compareTo(maxQuantity) <= 0, "minQuantity must not exceed maxQuantity");
        feeRate("makerFeeRate", makerFeeRate);
        feeRate("takerFeeRate", takerFeeRate);
        return this;
    }

    private static void positive(String field, BigDecimal value) {
        require(value != null && value.signum() > 0, field + " must be greater than zero");
    }

    private static void notNegative(String field, BigDecimal value) {
        require(value != null && value.signum() >= 0, field + " must not be negative");
    }

    private static void feeRate(String field, BigDecimal value) {
        notNegative(field, value);
        require(value.compareTo(MAX_FEE_RATE) <= 0, field + " must not exceed " + MAX_FEE_RATE);
    }

    private static int scale(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    private static boolean multipleOf(BigDecimal value, BigDecimal step) {
        return value.remainder(step).signum() == 0;
    }

    private static void require(boolean rule, String message) {
        if (!rule) {
            throw new ExchangeException(ErrorCode.INVALID_MARKET_SPEC, message);
        }
    }
}
