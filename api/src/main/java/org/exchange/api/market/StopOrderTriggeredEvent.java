package org.exchange.api.market;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.order.OrderId;

import java.math.BigDecimal;

/**
 * A parked stop order's trigger was reached by the last trade price: it goes into the engine now,
 * as a limit (STOP_LIMIT) or market (STOP_MARKET) order. Its outcome events follow.
 *
 * @param engineOrderId the engine id it enters the book with
 */
@Revision("1")
public record StopOrderTriggeredEvent(MarketId marketId, OrderId orderId, AccountId accountId,
                                      BigDecimal lastPrice, long engineOrderId) {
}
