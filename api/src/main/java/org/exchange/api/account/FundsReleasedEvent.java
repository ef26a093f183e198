package org.exchange.api.account;

import org.axonframework.serialization.Revision;
import org.exchange.api.common.Asset;
import org.exchange.api.order.OrderId;

import java.math.BigDecimal;

/**
 * What remained held for an order went back to available; the order holds nothing any more.
 *
 * @param amount the amount released
 */
@Revision("1")
public record FundsReleasedEvent(
        AccountId accountId,
        OrderId orderId,
        Asset asset,
        BigDecimal amount,
        BigDecimal availableAfter,
        BigDecimal heldAfter) {
}
