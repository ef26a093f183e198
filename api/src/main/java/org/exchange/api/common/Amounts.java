package org.exchange.api.common;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Parses decimal strings from the wire. Money never passes through {@code double}: only plain
 * decimal notation is accepted (no exponent, no sign other than a leading minus, no spaces), and
 * the number of digits is bounded so that absurd inputs are refused before any arithmetic.
 */
public final class Amounts {

    /** Up to 20 integer digits and 18 fraction digits: far beyond any real balance, small enough to be safe. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d{1,20}(\\.\\d{1,18})?");

    private Amounts() {
    }

    /**
     * A strictly positive amount with at most {@code maxScale} fraction digits, returned with exactly
     * that scale so that equal amounts have equal representations in events.
     */
    public static BigDecimal positive(String field, String text, int maxScale) {
        BigDecimal value = parse(field, text);
        if (value.signum() <= 0) {
            throw new ExchangeException(ErrorCode.INVALID_AMOUNT, field + " must be greater than zero");
        }
        BigDecimal normalized = value.stripTrailingZeros();
        if (normalized.scale() > maxScale) {
            throw new ExchangeException(ErrorCode.AMOUNT_PRECISION,
                    field + " has more than " + maxScale + " decimal places");
        }
        return value.setScale(maxScale);
    }

    /**
     * Any decimal in plain notation, as written (no rounding, any sign). A minus sign on zero
     * ({@code "-0"}, {@code "-0.00"}) is refused: it is not a number anyone means, and a negative
     * zero would slip past every "must not be negative" check as zero.
     */
    public static BigDecimal parse(String field, String text) {
        if (text == null || !PLAIN_DECIMAL.matcher(text).matches()) {
            throw new ExchangeException(ErrorCode.MALFORMED_AMOUNT,
                    field + " must be a decimal string such as \"10.25\"");
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() == 0 && text.charAt(0) == '-') {
            throw new ExchangeException(ErrorCode.MALFORMED_AMOUNT, field + " must not be a negative zero");
        }
        return value;
    }
}
