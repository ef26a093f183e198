package org.exchange.command.market;

import org.exchange.api.account.AccountId;
import org.exchange.api.order.OrderId;
import org.exchange.command.market.engine.Side;

/**
 * An order the engine holds (the incoming order while it matches, then while it rests), with the
 * lots it has traded over its life so far.
 *
 * @param priceTicks its limit price, 0 for market types
 */
record BookOrder(OrderId orderId, AccountId accountId, Side side, long priceTicks, long executedLots) {

    BookOrder traded(long lots) {
        return new BookOrder(orderId, accountId, side, priceTicks, executedLots + lots);
    }
}
