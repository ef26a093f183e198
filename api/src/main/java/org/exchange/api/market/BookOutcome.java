package org.exchange.api.market;

import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderStatus;

import java.math.BigDecimal;

/**
 * What the book did with a submitted order, as the submitter sees it at once (the order's own
 * status follows through the saga and settlement).
 *
 * @param status           NEW (rests, or a stop order waits), PARTIALLY_FILLED (rests after trading),
 *                         FILLED, EXPIRED or REJECTED
 * @param reason           for REJECTED an error code name ({@code WOULD_TAKE}, {@code MARKET_HALTED}, …),
 *                         for EXPIRED the expiry reason; otherwise {@code null}
 * @param executedQuantity base quantity traded on arrival
 */
public record BookOutcome(OrderId orderId, OrderStatus status, String reason, BigDecimal executedQuantity) {
}
