package org.exchange.command.order;

import org.exchange.api.common.Amounts;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.OrderFilters;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Turns a client's {@link OrderRequest} into {@link OrderTerms} that pass the market's filters, and
 * works out what the order must hold. Everything here needs no state, so a bad order is refused
 * before anything is written.
 *
 * <p>Field rules: {@code price} for LIMIT, LIMIT_MAKER and STOP_LIMIT only; {@code stopPrice} for the
 * stop types only; {@code timeInForce} for LIMIT and STOP_LIMIT only (default GTC); MARKET and
 * STOP_MARKET take exactly one of {@code quantity} and {@code quoteQuantity}, the latter for buys
 * only, and a STOP_MARKET buy must give {@code quoteQuantity} (holding all available quote while it
 * waits would block the account). A wrong combination is {@code INVALID_ORDER}.
 */
final class OrderTicket {

    /** Client order ids as Binance accepts them. */
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,36}");

    private OrderTicket() {
    }

    /** MARKET and STOP_MARKET: no limit price, a base quantity or a quote amount to spend. */
    static boolean isMarketType(OrderType type) {
        return type == OrderType.MARKET || type == OrderType.STOP_MARKET;
    }

    static MarketId market(OrderRequest request) {
        return MarketId.of(required("market", request.market()));
    }

    static String clientOrderId(OrderRequest request) {
        String given = request.clientOrderId();
        if (given == null) {
            return null;
        }
        if (!CLIENT_ORDER_ID.matcher(given).matches()) {
            throw invalid(ErrorCode.VALIDATION_FAILED, "clientOrderId must be 1-36 characters of [A-Za-z0-9._:-]");
        }
        return given;
    }

    static OrderTerms terms(OrderRequest request, MarketId market, MarketSpec spec, int quoteScale) {
        OrderSide side = enumValue(OrderSide.class, "side", required("side", request.side()));
        OrderType type = enumValue(OrderType.class, "type", required("type", request.type()));
        SelfTradeMode stp = request.selfTradePrevention() == null ? SelfTradeMode.EXPIRE_TAKER
                : enumValue(SelfTradeMode.class, "selfTradePrevention", request.selfTradePrevention());
        TimeInForce tif = timeInForce(type, request.timeInForce());
        BigDecimal stopPrice = stopPrice(type, request.stopPrice(), spec);
        if (isMarketType(type)) {
            return marketTerms(request, market, spec, quoteScale, side, type, stopPrice, stp);
        }
        BigDecimal price = decimal("price", request.price());
        BigDecimal quantity = decimal("quantity", request.quantity());
        forbidden("quoteQuantity", request.quoteQuantity(), type);
        if (price == null || quantity == null) {
            throw invalid(ErrorCode.INVALID_ORDER, type + " orders need price and quantity");
        }
        OrderFilters.limitOrder(spec, price, quantity);
        return new OrderTerms(market, side, type, tif, price, quantity, null, stopPrice, stp);
    }

    private static OrderTerms marketTerms(OrderRequest request, MarketId market, MarketSpec spec, int quoteScale,
                                          OrderSide side, OrderType type, BigDecimal stopPrice, SelfTradeMode stp) {
        forbidden("price", request.price(), type);
        BigDecimal quantity = decimal("quantity", request.quantity());
        BigDecimal quoteQuantity = decimal("quoteQuantity", request.quoteQuantity());
        if ((quantity == null) == (quoteQuantity == null)) {
            throw invalid(ErrorCode.INVALID_ORDER, type + " orders need exactly one of quantity and quoteQuantity");
        }
        if (quoteQuantity != null) {
            if (side != OrderSide.BUY) {
                throw invalid(ErrorCode.INVALID_ORDER, "quoteQuantity is for buy orders only");
            }
            OrderFilters.marketOrderByQuote(spec, quoteQuantity, quoteScale);
        } else {
            if (type == OrderType.STOP_MARKET && side == OrderSide.BUY) {
                throw invalid(ErrorCode.INVALID_ORDER, "a STOP_MARKET buy must give quoteQuantity");
            }
            OrderFilters.marketOrderByQuantity(spec, quantity);
        }
        return new OrderTerms(market, side, type, null, null, quantity, quoteQuantity, stopPrice, stp);
    }

    /**
     * What the order must hold: a sell its base quantity; a buy the most it can cost with the higher
     * of the two fee rates, rounded up to the quote's scale; a market buy by base quantity
     * {@code null}, meaning all available quote (its cost is known only against the book). Amounts
     * carry the held asset's scale, as balances do.
     */
    static BigDecimal hold(OrderTerms terms, MarketSpec spec, int baseScale, int quoteScale) {
        if (terms.side() == OrderSide.SELL) {
            return terms.quantity().setScale(baseScale);
        }
        if (isMarketType(terms.type())) {
            return terms.quoteQuantity() == null ? null : withFee(terms.quoteQuantity(), spec.takerFeeRate(), quoteScale);
        }
        BigDecimal maxFeeRate = spec.makerFeeRate().max(spec.takerFeeRate());
        return withFee(terms.price().multiply(terms.quantity()), maxFeeRate, quoteScale);
    }

    static Asset holdAsset(OrderTerms terms, MarketSpec spec) {
        return terms.side() == OrderSide.BUY ? spec.quote() : spec.base();
    }

    private static BigDecimal withFee(BigDecimal notional, BigDecimal feeRate, int quoteScale) {
        return notional.multiply(BigDecimal.ONE.add(feeRate)).setScale(quoteScale, RoundingMode.CEILING);
    }

    private static TimeInForce timeInForce(OrderType type, String given) {
        boolean takesTimeInForce = type == OrderType.LIMIT || type == OrderType.STOP_LIMIT;
        if (!takesTimeInForce) {
            forbidden("timeInForce", given, type);
            return null;
        }
        return given == null ? TimeInForce.GTC : enumValue(TimeInForce.class, "timeInForce", given);
    }

    private static BigDecimal stopPrice(OrderType type, String given, MarketSpec spec) {
        boolean stop = type == OrderType.STOP_LIMIT || type == OrderType.STOP_MARKET;
        if (!stop) {
            forbidden("stopPrice", given, type);
            return null;
        }
        BigDecimal stopPrice = decimal("stopPrice", given);
        if (stopPrice == null) {
            throw invalid(ErrorCode.INVALID_ORDER, type + " orders need stopPrice");
        }
        OrderFilters.ticks(spec, stopPrice);
        return stopPrice;
    }

    private static void forbidden(String field, String value, OrderType type) {
        if (value != null) {
            throw invalid(ErrorCode.INVALID_ORDER, field + " is not allowed for " + type + " orders");
        }
    }

    private static BigDecimal decimal(String field, String text) {
        return text == null ? null : Amounts.parse(field, text);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException unknown) {
            throw invalid(ErrorCode.VALIDATION_FAILED, field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(ErrorCode.VALIDATION_FAILED, field + " is required");
        }
        return value;
    }

    private static ExchangeException invalid(ErrorCode code, String message) {
        return new ExchangeException(code, message);
    }
}
