package org.exchange.api.account;

import org.axonframework.serialization.Revision;
import org.exchange.api.order.OrderId;

/**
 * An order's funds were released before any reservation for it reached the account (the order ended
 * while its reservation was still on its way). Nothing moved; a reservation arriving later for this
 * order is rejected, so it can never hold funds for an order that is over.
 */
@Revision("1")
public record HoldVoidedEvent(AccountId accountId, OrderId orderId) {
}
