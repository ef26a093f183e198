package org.exchange.api.account;

import org.axonframework.serialization.Revision;
import org.exchange.api.common.Asset;
import org.exchange.api.trade.TradeId;

import java.math.BigDecimal;

/** The exchange's fee account of a market received a trade's fees (buyer's and seller's together). */
@Revision("1")
public record FeeCollectedEvent(AccountId accountId, TradeId tradeId, Asset asset, BigDecimal amount,
                                BigDecimal availableAfter) {
}
