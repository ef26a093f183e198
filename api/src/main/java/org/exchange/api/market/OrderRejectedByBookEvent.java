package org.exchange.api.market;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.order.OrderId;

/**
 * The market refused a submitted order; the book did not change.
 *
 * @param reason an error code name: {@code WOULD_TAKE}, {@code MARKET_HALTED}, {@code SUBMISSION_TIMEOUT},
 *               {@code INSUFFICIENT_FUNDS} (a market buy that would cost more than its hold), …
 */
@Revision("1")
public record OrderRejectedByBookEvent(MarketId marketId, OrderId orderId, AccountId accountId, String reason) {
}
