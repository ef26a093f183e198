package org.exchange.platform.search;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one convention for decimals in the analytics indices. Every decimal field {@code x} is indexed
 * twice:
 * <ul>
 *     <li>{@code x}, a {@code keyword}: the exact plain decimal string of the event, for display;</li>
 *     <li>{@code xUnits}, a {@code long}: the value in units of 10<sup>-{@value #SCALE}</sup> (the
 *     scale of every listed asset), for ranges, sorting and sums.</li>
 * </ul>
 * No float or double field holds money. OpenSearch's {@code sum} aggregation adds in a double: it is
 * exact while the total stays below 2<sup>53</sup> units (about 90 million whole units of an asset),
 * so readers convert a sum with {@link #ofSum(double)}, which refuses a total that may be rounded.
 */
public final class DecimalUnits {

    public static final int SCALE = 8;

    /** The largest integer every double represents exactly; sums of non-negative units up to it are exact. */
    private static final double EXACT_LIMIT = 9_007_199_254_740_992d;

    private DecimalUnits() {
    }

    /**
     * @throws ArithmeticException for a value with more than {@value #SCALE} decimals: rounding it
     *                             would make sums wrong, so the projection stops and says so instead
     */
    public static long of(BigDecimal value) {
        return value.movePointRight(SCALE).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    /** {@code null} stays {@code null} (an order without a price has no price units). */
    public static Long ofNullable(BigDecimal value) {
        return value == null ? null : of(value);
    }

    public static BigDecimal toDecimal(long units) {
        return BigDecimal.valueOf(units, SCALE);
    }

    /**
     * The units of an OpenSearch {@code sum} aggregation's value.
     *
     * @throws SumTooLargeException when the sum is at or above 2<sup>53</sup> units and may have been rounded
     */
    public static long ofSum(double sum) {
        if (Math.abs(sum) >= EXACT_LIMIT) {
            throw new SumTooLargeException();
        }
        return (long) sum;
    }

    /** A sum beyond what OpenSearch adds exactly. */
    public static final class SumTooLargeException extends RuntimeException {
        SumTooLargeException() {
            super("a sum reached 2^53 units, beyond what OpenSearch adds exactly");
        }
    }
}
