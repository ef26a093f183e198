package org.exchange.api.account;

import org.axonframework.serialization.Revision;
import org.exchange.api.common.Asset;
import org.exchange.api.order.OrderId;

import java.math.BigDecimal;

/**
 * An order asked to hold more than was available; nothing moved. Recorded so that a repeated
 * request gets the same answer and the order can say why it was rejected.
 *
 * @param available the available balance at the time of the request
 */
@Revision("1")
public record FundsReservationRejectedEvent(
        AccountId accountId,
        OrderId orderId,
        Asset asset,
        BigDecimal requested,
        BigDecimal available) {
}
