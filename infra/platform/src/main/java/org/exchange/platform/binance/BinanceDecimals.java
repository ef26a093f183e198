package org.exchange.platform.binance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimals as Binance writes them: plain strings with the asset's number of decimals
 * ({@code "0.01000000"}). Amounts are never rounded to get there: a value with more decimals than the
 * asset carries (which the markets' rules do not allow) keeps them. Only ratios, which have no exact
 * decimal form, are rounded, half to even.
 */
public final class BinanceDecimals {

    private BinanceDecimals() {
    }

    /** {@code value} with at least {@code scale} decimals; {@code null} is zero. */
    public static String of(BigDecimal value, int scale) {
        if (value == null) {
            return BigDecimal.ZERO.setScale(scale).toPlainString();
        }
        return value.setScale(Math.max(scale, value.stripTrailingZeros().scale())).toPlainString();
    }

    /** {@code dividend / divisor} rounded half to even to {@code scale} decimals; zero when the divisor is zero or absent. */
    public static String ratio(BigDecimal dividend, BigDecimal divisor, int scale) {
        if (dividend == null || divisor == null || divisor.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale).toPlainString();
        }
        return dividend.divide(divisor, scale, RoundingMode.HALF_EVEN).toPlainString();
    }
}
