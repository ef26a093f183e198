package org.exchange.command.order;

import org.exchange.api.account.AccountId;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.CanceledOrders;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.OrderId;
import org.exchange.platform.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

/** Traders place and cancel their own orders (the work is {@link OrderDesk}'s). */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private final OrderDesk desk;

    OrderController(OrderDesk desk) {
        this.desk = desk;
    }

    /**
     * The answer to a place or cancel request; the book's view of the order at that moment.
     *
     * @param position the event-store position of what the request wrote: reads with
     *                 {@code ?minPosition=} reflect at least this
     */
    record OrderResponse(String orderId, String clientOrderId, String market, String status, String reason,
                         String executedQuantity, boolean duplicate, long position) {
    }

    record CancelAllResponse(String market, List<String> canceledOrderIds) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('trader')")
    ResponseEntity<OrderResponse> place(@AuthenticationPrincipal Caller caller, @RequestBody OrderRequest request) {
        OrderDesk.Placement placed = desk.place(AccountId.of(caller.accountId()), request);
        HttpStatus status = placed.repeated() ? HttpStatus.OK : HttpStatus.CREATED;
        return ResponseEntity.status(status).body(new OrderResponse(placed.orderId().value(), placed.clientOrderId(),
                placed.terms().marketId().value(), placed.status().name(), placed.reason(),
                plain(placed.executedQuantity()), placed.repeated(), placed.position()));
    }

    /** Cancels one of the caller's orders; another account's order is "not found", like an unknown one. */
    @DeleteMapping("/{orderId}")
    @PreAuthorize("hasRole('trader')")
    OrderResponse cancel(@AuthenticationPrincipal Caller caller, @PathVariable String orderId) {
        OrderDesk.Cancellation result = desk.cancel(AccountId.of(caller.accountId()), orderId(orderId));
        var summary = result.summary();
        return new OrderResponse(summary.orderId().value(), summary.clientOrderId(), summary.terms().marketId().value(),
                result.status().name(), null, plain(summary.filledQuantity()), summary.repeated(), result.position());
    }

    /** Cancels every order of the caller resting in one market (orders still on their way in are not included). */
    @DeleteMapping
    @PreAuthorize("hasRole('trader')")
    CancelAllResponse cancelAll(@AuthenticationPrincipal Caller caller, @RequestParam String market) {
        MarketId marketId = MarketId.of(market);
        CanceledOrders canceled = desk.cancelAll(AccountId.of(caller.accountId()), marketId);
        return new CancelAllResponse(marketId.value(), canceled.orderIds().stream().map(OrderId::value).toList());
    }

    static OrderId orderId(String given) {
        try {
            return OrderId.of(given);
        } catch (IllegalArgumentException invalid) {
            throw new ExchangeException(ErrorCode.ORDER_NOT_FOUND, "no such order among yours");
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
