package org.exchange.api.market;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.trade.TradeId;

import java.math.BigDecimal;

/**
 * Two orders matched at the resting (maker) order's price. Settlement follows in its own transaction.
 * Fees are in the quote asset, rounded down to its scale: the buyer pays notional + fee, the seller
 * receives notional − fee.
 *
 * @param sequence      the market's trade sequence, from 1; the trade id is {@code <market>-<sequence>}
 * @param quoteQuantity price × quantity, exact
 * @param takerSide     the incoming order's side
 */
@Revision("1")
public record TradeExecutedEvent(
        TradeId tradeId,
        MarketId marketId,
        long sequence,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal quoteQuantity,
        OrderId makerOrderId,
        AccountId makerAccountId,
        OrderId takerOrderId,
        AccountId takerAccountId,
        OrderSide takerSide,
        BigDecimal makerFee,
        BigDecimal takerFee,
        Asset feeAsset) {

    public OrderId buyerOrderId() {
        return takerSide == OrderSide.BUY ? takerOrderId : makerOrderId;
    }

    public OrderId sellerOrderId() {
        return takerSide == OrderSide.BUY ? makerOrderId : takerOrderId;
    }

    public AccountId buyerAccountId() {
        return takerSide == OrderSide.BUY ? takerAccountId : makerAccountId;
    }

    public AccountId sellerAccountId() {
        return takerSide == OrderSide.BUY ? makerAccountId : takerAccountId;
    }

    public BigDecimal buyerFee() {
        return takerSide == OrderSide.BUY ? takerFee : makerFee;
    }

    public BigDecimal sellerFee() {
        return takerSide == OrderSide.BUY ? makerFee : takerFee;
    }
}
