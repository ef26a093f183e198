package org.exchange.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * The book is done with the order: it filled, was canceled or expired there, after trading
 * {@code executedQuantity} in total. The order closes as soon as that much has been settled
 * (settlement may still be on its way). Idempotent.
 *
 * @param outcome FILLED, CANCELED or EXPIRED
 * @param reason  for EXPIRED: why (e.g. {@code NO_LIQUIDITY}, {@code SELF_TRADE}); otherwise {@code null}
 */
public record CloseOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        OrderStatus outcome,
        String reason,
        BigDecimal executedQuantity) {
}
