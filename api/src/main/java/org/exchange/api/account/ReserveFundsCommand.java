package org.exchange.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.exchange.api.common.Asset;
import org.exchange.api.order.OrderId;

import java.math.BigDecimal;

/**
 * Move {@code amount} of {@code asset} from available to held for an order. Sent by the order saga;
 * idempotent by order id: a repeat changes nothing and the outcome already recorded stands.
 */
public record ReserveFundsCommand(
        @TargetAggregateIdentifier AccountId accountId,
        OrderId orderId,
        Asset asset,
        BigDecimal amount) {
}
