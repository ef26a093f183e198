package org.exchange.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.exchange.api.order.OrderId;

/**
 * Return whatever is still held for an order to available (the order was filled at a better price,
 * canceled, expired or rejected). Idempotent: releasing an order with nothing held changes nothing.
 */
public record ReleaseFundsCommand(@TargetAggregateIdentifier AccountId accountId, OrderId orderId) {
}
