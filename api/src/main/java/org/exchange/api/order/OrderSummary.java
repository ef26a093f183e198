package org.exchange.api.order;

import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the {@code Order} aggregate knows about an order, returned by its command handlers so a
 * caller can answer a retry or a cancel with the order's state.
 *
 * @param repeated true when the command found the order already in the requested state (a retry)
 * @param placedAt when the order was placed (its submission window runs from here)
 * @param holdAsset what the order holds
 * @param holdAmount how much it asked to hold ({@code null}: all available)
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
        boolean repeated,
        Instant placedAt,
        Asset holdAsset,
        BigDecimal holdAmount) {
}
