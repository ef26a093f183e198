package org.exchange.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.exchange.api.common.Asset;
import org.exchange.api.order.OrderId;

import java.math.BigDecimal;

/**
 * Move {@code amount} of {@code asset} (or, when {@code amount} is null, all that is available) from
 * available to held for an order; nothing available is a rejection. Sent when an order is placed;
 * idempotent by order id: a repeat changes nothing and the outcome already recorded stands.
 */
public record ReserveFundsCommand(
        @TargetAggregateIdentifier AccountId accountId,
        OrderId orderId,
        Asset asset,
        BigDecimal amount) {
}
