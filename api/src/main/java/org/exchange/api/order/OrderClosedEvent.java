package org.exchange.api.order;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.market.MarketId;

import java.math.BigDecimal;

/**
 * The order reached FILLED, CANCELED or EXPIRED with every trade settled; the saga releases what it
 * still holds. Final.
 *
 * @param averagePrice {@code filledQuoteQuantity / filledQuantity}, rounded half-even to 8 more decimals than
 *                     the fill prices carry (e.g. 10 for a 0.01 tick), or {@code null} when nothing filled
 */
@Revision("1")
public record OrderClosedEvent(
        OrderId orderId,
        AccountId accountId,
        MarketId marketId,
        OrderStatus status,
        String reason,
        BigDecimal filledQuantity,
        BigDecimal filledQuoteQuantity,
        BigDecimal averagePrice,
        BigDecimal fees) {
}
