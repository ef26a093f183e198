package org.exchange.query.order;

import org.exchange.query.position.ReflectsProjection;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.OrderStatus;
import org.exchange.query.order.OrderReadModel.OrderRow;
import org.exchange.query.page.Page;
import org.exchange.query.page.PageCursor;
import org.exchange.query.page.QueryParameters;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.exchange.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * A trader's own orders. The account is the token's subject: another account's order is answered
 * exactly like one that does not exist ({@code 404 ORDER_NOT_FOUND}).
 */
@RestController
@ReflectsProjection("orders")
@PreAuthorize("hasRole('trader')")
class OrderController {

    private final FreshOrders freshOrders;
    private final OrderReadModel orders;

    OrderController(FreshOrders freshOrders, OrderReadModel orders) {
        this.freshOrders = freshOrders;
        this.orders = orders;
    }

    record OrdersView(List<OrderView> orders, String nextCursor) {
    }

    @GetMapping("/api/v1/orders/{orderId}")
    OrderView order(@AuthenticationPrincipal Caller caller, @PathVariable String orderId) {
        return freshOrders.find(caller.accountId(), orderId)
                .map(OrderRow::view)
                .orElseThrow(() -> new ExchangeException(ErrorCode.ORDER_NOT_FOUND, "no such order among yours"));
    }

    /**
     * @param market {@code BTC-USDT}; all markets when absent
     * @param status an {@link OrderStatus} name; all statuses when absent
     * @param from   ISO-8601 instant: orders placed at or after it
     * @param to     ISO-8601 instant: orders placed before it
     */
    @GetMapping("/api/v1/orders")
    OrdersView orders(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String market,
                      @RequestParam(required = false) String status, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @RequestParam(required = false) Integer limit,
                      @RequestParam(required = false) String cursor) {
        int size = Page.limit(limit);
        Instant placedFrom = QueryParameters.instant("from", from);
        Instant placedTo = QueryParameters.instant("to", to);
        QueryParameters.ordered(placedFrom, placedTo);
        List<OrderRow> rows = orders.list(caller.accountId(), market == null ? null : MarketId.of(market).value(),
                status == null ? null : status(status).name(), placedFrom, placedTo, PageCursor.decode(cursor),
                size + 1);
        Page<OrderRow> page = Page.of(rows, size, OrderRow::cursor);
        return new OrdersView(page.items().stream().map(OrderRow::view).toList(), page.nextCursor());
    }

    private static OrderStatus status(String name) {
        try {
            return OrderStatus.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, "status must be one of "
                    + List.of(OrderStatus.values()));
        }
    }
}
