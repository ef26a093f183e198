package org.exchange.api.order;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.market.MarketId;

import java.math.BigDecimal;

/**
 * The book is done with the order, but part of what it executed there is not settled yet: the order
 * stays open (its status unchanged) and closes with {@link OrderClosedEvent} as soon as its settled
 * quantity reaches {@code executedQuantity}. Not recorded when the order can close at once.
 *
 * @param outcome FILLED, CANCELED or EXPIRED: the status the order will close with
 * @param reason  for EXPIRED the book's reason; otherwise {@code null}
 */
@Revision("1")
public record OrderBookOutcomeRecordedEvent(
        OrderId orderId,
        AccountId accountId,
        MarketId marketId,
        OrderStatus outcome,
        String reason,
        BigDecimal executedQuantity) {
}
