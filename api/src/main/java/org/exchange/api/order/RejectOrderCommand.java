package org.exchange.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reject an order that never traded: funds could not be held, or the book refused it. Idempotent:
 * an order already rejected stays as it is; an order that already reached the book is not rejected.
 *
 * @param reason an {@link org.exchange.api.common.ErrorCode} name such as {@code INSUFFICIENT_FUNDS},
 *               {@code WOULD_TAKE}, {@code MARKET_HALTED} or {@code SUBMISSION_TIMEOUT}
 */
public record RejectOrderCommand(@TargetAggregateIdentifier OrderId orderId, String reason) {
}
