package org.exchange.command.market;

import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.OrderFilters;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.command.market.engine.OrderType;
import org.exchange.command.market.engine.SelfTradePrevention;
import org.exchange.command.market.engine.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How an order's terms translate into the engine's vocabulary: its type (a stop order's type once
 * triggered), side, self-trade prevention, price in ticks, quantity in lots and quote budget in
 * tick×lot units. Pure functions of the terms and the market's rules.
 */
final class EngineInputs {

    private EngineInputs() {
    }

    static boolean isStop(OrderTerms terms) {
        return terms.type() == org.exchange.api.order.OrderType.STOP_LIMIT
                || terms.type() == org.exchange.api.order.OrderType.STOP_MARKET;
    }

    /** The engine type the order is placed with (for a stop order: once triggered). */
    static OrderType engineType(OrderTerms terms) {
        return switch (terms.type()) {
            case LIMIT, STOP_LIMIT -> limitType(terms.timeInForce());
            case LIMIT_MAKER -> OrderType.LIMIT_MAKER;
            case MARKET, STOP_MARKET -> terms.quantity() != null ? OrderType.MARKET : OrderType.MARKET_BY_QUOTE;
        };
    }

    private static OrderType limitType(TimeInForce timeInForce) {
        if (timeInForce == null) {
            return OrderType.LIMIT_GTC;
        }
        return switch (timeInForce) {
            case GTC -> OrderType.LIMIT_GTC;
            case IOC -> OrderType.LIMIT_IOC;
            case FOK -> OrderType.LIMIT_FOK;
        };
    }

    static Side side(OrderSide side) {
        return side == OrderSide.BUY ? Side.BUY : Side.SELL;
    }

    static OrderSide orderSide(Side side) {
        return side == Side.BUY ? OrderSide.BUY : OrderSide.SELL;
    }

    static SelfTradePrevention selfTradePrevention(SelfTradeMode mode) {
        if (mode == null) {
            return SelfTradePrevention.EXPIRE_TAKER;
        }
        return switch (mode) {
            case EXPIRE_TAKER -> SelfTradePrevention.EXPIRE_TAKER;
            case EXPIRE_MAKER -> SelfTradePrevention.EXPIRE_MAKER;
            case EXPIRE_BOTH -> SelfTradePrevention.EXPIRE_BOTH;
        };
    }

    /** The limit price in ticks, 0 for market types. */
    static long priceTicks(MarketSpec spec, OrderTerms terms) {
        return terms.price() == null ? 0 : OrderFilters.ticks(spec, terms.price());
    }

    /** The quantity in lots, 0 for a buy by quote amount. */
    static long quantityLots(MarketSpec spec, OrderTerms terms) {
        return terms.quantity() == null ? 0 : OrderFilters.lots(spec, terms.quantity());
    }

    /**
     * The quote amount to spend in tick×lot units, rounded down (the engine buys whole lots only);
     * 0 unless the order buys by quote amount.
     */
    static long quoteBudget(MarketSpec spec, OrderTerms terms) {
        if (terms.quoteQuantity() == null || terms.quantity() != null) {
            return 0;
        }
        BigDecimal unit = spec.tickSize().multiply(spec.stepSize());
        return terms.quoteQuantity().divide(unit, 0, RoundingMode.DOWN).longValueExact();
    }

    /** The stop price in ticks; the trigger compares it with the last trade price. */
    static long stopTicks(MarketSpec spec, OrderTerms terms) {
        return OrderFilters.ticks(spec, terms.stopPrice());
    }
}
