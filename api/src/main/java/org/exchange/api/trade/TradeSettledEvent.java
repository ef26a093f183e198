package org.exchange.api.trade;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;

import java.math.BigDecimal;

/**
 * A trade's money moved, once: the buyer paid {@code quoteQuantity + buyerFee} from its hold and got
 * {@code quantity}; the seller paid {@code quantity} from its hold and got {@code quoteQuantity − sellerFee};
 * {@code feeAccountId} got both fees. Committed together with those postings and both orders' fills.
 */
@Revision("1")
public record TradeSettledEvent(
        TradeId tradeId,
        MarketId marketId,
        long sequence,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal quoteQuantity,
        OrderId buyerOrderId,
        AccountId buyerAccountId,
        OrderId sellerOrderId,
        AccountId sellerAccountId,
        OrderSide takerSide,
        BigDecimal buyerFee,
        BigDecimal sellerFee,
        Asset feeAsset,
        AccountId feeAccountId) {
}
