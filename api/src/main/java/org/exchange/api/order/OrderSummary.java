package org.exchange.api.order;

import org.exchange.api.account.AccountId;

import java.math.BigDecimal;

/**
 * What the {@code Order} aggregate knows about an order, returned by its command handlers so a
 * caller can answer a retry or a cancel with the order's state.
 *
 * @param repeated true when the command found the order already in the requested state (a retry)
 */
public record OrderSummary(
        OrderId orderId,
        AccountId accountId,
        String clientOrderId,
        OrderTerms terms,
        OrderStatus status,
        String reason,
        BigDecimal filledQuantity,
        BigDecimal filledQuoteQuantity,
        BigDecimal fees,
        boolean repeated) {
}
