package org.exchange.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.exchange.api.account.AccountId;

/**
 * A trader asks to cancel one of their orders. Refused with {@code ORDER_NOT_FOUND} when the order
 * belongs to another account (without saying it exists) and {@code ALREADY_CLOSED} when it is final.
 * Repeating it while the cancel is in flight is harmless. Returns an {@link OrderSummary}.
 */
public record CancelOrderCommand(@TargetAggregateIdentifier OrderId orderId, AccountId requestedBy) {
}
