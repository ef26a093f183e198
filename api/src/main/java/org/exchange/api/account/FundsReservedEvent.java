package org.exchange.api.account;

import org.axonframework.serialization.Revision;
import org.exchange.api.common.Asset;
import org.exchange.api.order.OrderId;

import java.math.BigDecimal;

/**
 * Funds moved from available to held for an order.
 *
 * @param availableAfter the account's available balance of {@code asset} after the move
 * @param heldAfter      the account's held balance of {@code asset} after the move
 */
@Revision("1")
public record FundsReservedEvent(
        AccountId accountId,
        OrderId orderId,
        Asset asset,
        BigDecimal amount,
        BigDecimal availableAfter,
        BigDecimal heldAfter) {
}
