package org.exchange.api.account;

import org.axonframework.serialization.Revision;
import org.exchange.api.common.Asset;
import org.exchange.api.order.OrderId;

import java.math.BigDecimal;

/**
 * An order asked to hold funds while its account already had as many open orders (orders holding
 * funds) as it may have; nothing moved and the order is rejected ({@code TOO_MANY_OPEN_ORDERS}).
 * Recorded so that a repeated request gets the same answer. The limit is the one in force when the
 * order arrived: replaying history never checks it again.
 *
 * @param requested what the order asked to hold; {@code null} for "all that is available" (a market buy
 *                  by base quantity)
 * @param openOrders the orders holding funds on the account at that moment
 * @param limit      the most open orders the account could have then
 */
@Revision("1")
public record OpenOrderLimitReachedEvent(
        AccountId accountId,
        OrderId orderId,
        Asset asset,
        BigDecimal requested,
        int openOrders,
        int limit) {
}
