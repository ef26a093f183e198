package org.exchange.api.market;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.exchange.api.order.OrderId;

/**
 * Take a resting (or parked stop) order out of the book. Returns {@code true} when it was there and
 * is now canceled, {@code false} when it was not (never arrived, already filled, expired or canceled).
 * Never an error: the caller has already checked ownership on the order.
 */
public record CancelOrderInBookCommand(@TargetAggregateIdentifier MarketId marketId, OrderId orderId) {
}
