package org.exchange.api.order;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.trade.TradeId;

import java.math.BigDecimal;

/**
 * A settled trade filled part of the order. Recorded in the same transaction as the trade's
 * settlement, so an order's fills always match the money that moved.
 *
 * @param filledQuantity      the order's filled base quantity after this fill
 * @param filledQuoteQuantity the order's traded quote amount after this fill (for the average price)
 * @param fees                the order's fees after this fill, in {@code feeAsset}
 */
@Revision("1")
public record OrderFillRecordedEvent(
        OrderId orderId,
        AccountId accountId,
        MarketId marketId,
        TradeId tradeId,
        Liquidity liquidity,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal quoteQuantity,
        BigDecimal fee,
        Asset feeAsset,
        BigDecimal filledQuantity,
        BigDecimal filledQuoteQuantity,
        BigDecimal fees) {
}
