package org.exchange.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The book took the order (it rests, or traded): PENDING_NEW becomes NEW. Idempotent. */
public record AcceptOrderCommand(@TargetAggregateIdentifier OrderId orderId) {
}
