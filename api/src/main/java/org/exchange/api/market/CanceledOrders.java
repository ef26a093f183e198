package org.exchange.api.market;

import org.exchange.api.order.OrderId;

import java.util.List;

/**
 * The answer to a {@link CancelAccountOrdersCommand}: the orders taken out of the book, oldest first.
 * A record rather than a bare {@code List<OrderId>}: a command's result crosses processes as JSON
 * without type information, and a bare list came back as a list of strings.
 */
public record CanceledOrders(List<OrderId> orderIds) {

    public CanceledOrders {
        orderIds = List.copyOf(orderIds);
    }
}
