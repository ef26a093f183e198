package org.exchange.api.market;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderTerms;

import java.math.BigDecimal;

/**
 * The market took a submitted order and ran it through the engine (or, for a stop order, parked it
 * until its trigger). Carries the engine's exact inputs, so replaying these events rebuilds the
 * same book; the outcome events that follow are facts for everyone else.
 *
 * @param engineOrderId   the engine's id for the order, unique in this market
 * @param engineAccountId the engine's id for the account in this market (self-trade prevention)
 * @param priceTicks      limit price in ticks, 0 for market orders
 * @param quantityLots    quantity in lots, 0 for a buy by quote amount
 * @param quoteBudget     for a buy by quote amount, the budget in tick×lot units, else 0
 * @param quoteHold       the quote held for a buy, {@code null} for a sell
 */
@Revision("1")
public record OrderAcceptedByBookEvent(
        MarketId marketId,
        OrderId orderId,
        AccountId accountId,
        OrderTerms terms,
        long engineOrderId,
        long engineAccountId,
        long priceTicks,
        long quantityLots,
        long quoteBudget,
        BigDecimal quoteHold) {
}
