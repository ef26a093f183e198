package org.exchange.api.market;

import org.axonframework.serialization.Revision;
import org.exchange.api.account.AccountId;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderStatus;

import java.math.BigDecimal;

/**
 * The book is done with an order: it filled, was canceled, or expired (an IOC/FOK/market remainder,
 * self-trade prevention). The order closes once {@code executedQuantity} has been settled.
 *
 * @param outcome          FILLED, CANCELED or EXPIRED
 * @param reason           for EXPIRED the engine's reason ({@code NO_LIQUIDITY}, {@code NOT_FULLY_FILLABLE},
 *                         {@code SELF_TRADE}, {@code BUDGET_BELOW_LOT_PRICE}); otherwise {@code null}
 * @param executedQuantity base quantity the order traded in the book over its whole life
 */
@Revision("1")
public record OrderLeftBookEvent(MarketId marketId, OrderId orderId, AccountId accountId,
                                 OrderStatus outcome, String reason, BigDecimal executedQuantity) {
}
