package org.exchange.api.market;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;

import java.math.BigDecimal;

/**
 * The filters an order must pass in a market before it may hold funds or reach the book, and the
 * exact conversion between decimals and the engine's ticks and lots. Each refusal carries the code
 * a client can act on: {@code INVALID_PRICE}, {@code PRICE_TICK}, {@code LOT_SIZE} (step or below
 * the minimum), {@code MAX_QUANTITY}, {@code MIN_NOTIONAL}.
 */
public final class OrderFilters {

    private OrderFilters() {
    }

    /** A limit order: price on the tick grid, quantity on the lot grid within bounds, enough notional. */
    public static void limitOrder(MarketSpec spec, BigDecimal price, BigDecimal quantity) {
        ticks(spec, price);
        quantityWithinLotRules(spec, quantity);
        minimumNotional(spec, price.multiply(quantity));
    }

    /** A market order for a base quantity; its notional is checked against the book when it executes. */
    public static void marketOrderByQuantity(MarketSpec spec, BigDecimal quantity) {
        quantityWithinLotRules(spec, quantity);
    }

    /** A market buy spending a quote amount: it must be worth trading and expressible in the quote asset. */
    public static void marketOrderByQuote(MarketSpec spec, BigDecimal quoteAmount, int quoteScale) {
        if (quoteAmount.signum() <= 0 || quoteAmount.stripTrailingZeros().scale() > quoteScale) {
            throw refused(ErrorCode.INVALID_AMOUNT, "quote amount must be positive with at most " + quoteScale + " decimals");
        }
        minimumNotional(spec, quoteAmount);
    }

    /** The price in ticks; the price must be on the tick grid. */
    public static long ticks(MarketSpec spec, BigDecimal price) {
        priceOnTickGrid(spec, price);
        return exactUnits(price, spec.tickSize(), ErrorCode.INVALID_PRICE, "price");
    }

    /** The quantity in lots; the quantity must be on the lot grid. */
    public static long lots(MarketSpec spec, BigDecimal quantity) {
        if (quantity.signum() <= 0 || quantity.remainder(spec.stepSize()).signum() != 0) {
            throw refused(ErrorCode.LOT_SIZE, "quantity must be a positive multiple of " + spec.stepSize().toPlainString());
        }
        return exactUnits(quantity, spec.stepSize(), ErrorCode.MAX_QUANTITY, "quantity");
    }

    /** {@code value / unit} as a long; absurdly large values are refused, not overflowed. */
    private static long exactUnits(BigDecimal value, BigDecimal unit, ErrorCode tooLarge, String field) {
        try {
            return value.divide(unit).longValueExact();
        } catch (ArithmeticException outOfRange) {
            throw refused(tooLarge, field + " is too large for this market");
        }
    }

    public static BigDecimal price(MarketSpec spec, long ticks) {
        return spec.tickSize().multiply(BigDecimal.valueOf(ticks));
    }

    public static BigDecimal quantity(MarketSpec spec, long lots) {
        return spec.stepSize().multiply(BigDecimal.valueOf(lots));
    }

    private static void priceOnTickGrid(MarketSpec spec, BigDecimal price) {
        if (price == null || price.signum() <= 0) {
            throw refused(ErrorCode.INVALID_PRICE, "price must be greater than zero");
        }
        if (price.remainder(spec.tickSize()).signum() != 0) {
            throw refused(ErrorCode.PRICE_TICK, "price must be a multiple of the tick size " + spec.tickSize().toPlainString());
        }
    }

    private static void quantityWithinLotRules(MarketSpec spec, BigDecimal quantity) {
        lots(spec, quantity);
        if (quantity.compareTo(spec.minQuantity()) < 0) {
            throw refused(ErrorCode.LOT_SIZE, "quantity is below the minimum " + spec.minQuantity().toPlainString());
        }
        if (quantity.compareTo(spec.maxQuantity()) > 0) {
            throw refused(ErrorCode.MAX_QUANTITY, "quantity is above the maximum " + spec.maxQuantity().toPlainString());
        }
    }

    private static void minimumNotional(MarketSpec spec, BigDecimal notional) {
        if (notional.compareTo(spec.minNotional()) < 0) {
            throw refused(ErrorCode.MIN_NOTIONAL, "order value " + notional.stripTrailingZeros().toPlainString()
                    + " is below the minimum " + spec.minNotional().toPlainString());
        }
    }

    private static ExchangeException refused(ErrorCode code, String message) {
        return new ExchangeException(code, message);
    }
}
