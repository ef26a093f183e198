package org.exchange.api.account;

import org.axonframework.serialization.Revision;
import org.exchange.api.common.Asset;
import org.exchange.api.order.OrderId;
import org.exchange.api.trade.TradeId;

import java.math.BigDecimal;

/**
 * One side of a trade on a trader's account: {@code debitAmount} of {@code debitAsset} leaves the
 * order's hold, {@code creditAmount} of {@code creditAsset} arrives as available. For a buyer the debit
 * is quote (notional + fee) and the credit base; for a seller the debit is base and the credit quote
 * (notional − fee). Balances after the posting are given for both assets.
 */
@Revision("1")
public record TradeSettledOnAccountEvent(
        AccountId accountId,
        TradeId tradeId,
        OrderId orderId,
        Asset debitAsset,
        BigDecimal debitAmount,
        BigDecimal debitHeldAfter,
        Asset creditAsset,
        BigDecimal creditAmount,
        BigDecimal creditAvailableAfter,
        BigDecimal fee) {
}
