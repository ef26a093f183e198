package org.exchange.command.order;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.HoldResult;
import org.exchange.api.account.ReserveFundsCommand;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.BookOutcome;
import org.exchange.api.market.CancelAccountOrdersCommand;
import org.exchange.api.market.CancelOrderInBookCommand;
import org.exchange.api.market.CanceledOrders;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.SubmitOrderCommand;
import org.exchange.api.order.AcceptOrderCommand;
import org.exchange.api.order.CancelOrderCommand;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderSummary;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.PlaceOrderCommand;
import org.exchange.api.order.RejectOrderCommand;
import org.exchange.command.account.AssetCatalog;
import org.exchange.command.eventstore.WrittenPositions;
import org.exchange.command.market.MarketDirectory;
import org.exchange.platform.web.ExchangeFailures;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.exchange.platform.security.Caller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Traders place and cancel their own orders. Placing runs the synchronous part of ADR 0008: create
 * the order, hold its funds, put it in the book; the answer carries the book's outcome. Everything
 * after that (settlement, releasing what is left of the hold) is the order saga's.
 */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private static final long COMMAND_TIMEOUT_SECONDS = 10;

    private final CommandGateway commands;
    private final MarketDirectory markets;
    private final AssetCatalog assets;
    private final WrittenPositions positions;

    OrderController(CommandGateway commands, MarketDirectory markets, AssetCatalog assets, WrittenPositions positions) {
        this.commands = commands;
        this.markets = markets;
        this.assets = assets;
        this.positions = positions;
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
        AccountId account = AccountId.of(caller.accountId());
        MarketId market = OrderTicket.market(request);
        String clientOrderId = OrderTicket.clientOrderId(request);
        MarketSpec spec = markets.spec(market);
        int quoteScale = assets.scaleOf(spec.quote().code());
        OrderTerms requested = OrderTicket.terms(request, market, spec, quoteScale);
        BigDecimal requestedHold = OrderTicket.hold(requested, spec, assets.scaleOf(spec.base().code()), quoteScale);
        OrderId orderId = OrderId.forClient(account, clientOrderId);

        OrderSummary placed = send(new PlaceOrderCommand(orderId, account, clientOrderId, requested,
                OrderTicket.holdAsset(requested, spec), requestedHold));
        if (placed.repeated() && placed.status() != OrderStatus.PENDING_NEW) {
            return ResponseEntity.ok(fromSummary(placed));
        }
        // a new order, or a retry of one whose first request stopped before the book answered (a node
        // went away, a timeout): every step below is idempotent, so it is run again, with the terms,
        // hold and placing time of the original order
        OrderTerms terms = placed.terms();
        Asset holdAsset = placed.holdAsset();
        BigDecimal hold = placed.holdAmount();
        Instant placedAt = placed.placedAt();
        HoldResult held = reserve(new ReserveFundsCommand(account, orderId, holdAsset, hold));
        if (!held.reserved()) {
            send(new RejectOrderCommand(orderId, held.refusal().name()));
            throw new ExchangeException(held.refusal(), held.refusal() == ErrorCode.TOO_MANY_OPEN_ORDERS
                    ? "your account has as many open orders as it may have; order " + orderId + " is rejected"
                    : "not enough available " + holdAsset + " for order " + orderId);
        }
        BigDecimal quoteHold = terms.side() == OrderSide.BUY ? held.amount() : null;
        BookOutcome outcome = send(new SubmitOrderCommand(terms.marketId(), orderId, account, terms, quoteHold, placedAt));
        if (outcome.status() == OrderStatus.REJECTED) {
            send(new RejectOrderCommand(orderId, outcome.reason()));
            throw new ExchangeException(bookRefusal(outcome.reason()), "order " + orderId + " refused by the book: " + outcome.reason());
        }
        send(new AcceptOrderCommand(orderId));
        return ResponseEntity.status(placed.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(new OrderResponse(
                orderId.value(), clientOrderId, terms.marketId().value(), outcome.status().name(), outcome.reason(),
                plain(outcome.executedQuantity()), placed.repeated(), positions.latestOf(orderId.value())));
    }

    /** Cancels one of the caller's orders; another account's order is "not found", like an unknown one. */
    @DeleteMapping("/{orderId}")
    @PreAuthorize("hasRole('trader')")
    OrderResponse cancel(@AuthenticationPrincipal Caller caller, @PathVariable String orderId) {
        OrderId id = orderId(orderId);
        // the Order answers ORDER_NOT_FOUND itself, for unknown ids too (it is created-if-missing)
        OrderSummary summary = send(new CancelOrderCommand(id, AccountId.of(caller.accountId())));
        boolean canceled = send(new CancelOrderInBookCommand(summary.terms().marketId(), id));
        String status = canceled ? OrderStatus.CANCELED.name() : summary.status().name();
        return new OrderResponse(id.value(), summary.clientOrderId(), summary.terms().marketId().value(), status,
                null, plain(summary.filledQuantity()), summary.repeated(),
                positions.latestOf(id.value(), summary.terms().marketId().value()));
    }

    /** Cancels every order of the caller resting in one market (orders still on their way in are not included). */
    @DeleteMapping
    @PreAuthorize("hasRole('trader')")
    CancelAllResponse cancelAll(@AuthenticationPrincipal Caller caller, @RequestParam String market) {
        MarketId marketId = MarketId.of(market);
        markets.spec(marketId);
        CanceledOrders canceled = send(new CancelAccountOrdersCommand(marketId, AccountId.of(caller.accountId())));
        return new CancelAllResponse(marketId.value(), canceled.orderIds().stream().map(OrderId::value).toList());
    }

    private HoldResult reserve(ReserveFundsCommand command) {
        try {
            return send(command);
        } catch (AggregateNotFoundException neverFunded) {
            return HoldResult.refused(ErrorCode.INSUFFICIENT_FUNDS);
        }
    }

    private static ErrorCode bookRefusal(String reason) {
        try {
            return ErrorCode.valueOf(reason);
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return ErrorCode.INVALID_ORDER;
        }
    }

    private OrderResponse fromSummary(OrderSummary summary) {
        return new OrderResponse(summary.orderId().value(), summary.clientOrderId(), summary.terms().marketId().value(),
                summary.status().name(), summary.reason(), plain(summary.filledQuantity()), true,
                positions.latestOf(summary.orderId().value()));
    }

    private static OrderId orderId(String given) {
        try {
            return OrderId.of(given);
        } catch (IllegalArgumentException invalid) {
            throw notFound();
        }
    }

    private static ExchangeException notFound() {
        return new ExchangeException(ErrorCode.ORDER_NOT_FOUND, "no such order among yours");
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** Sends and waits; an aggregate that does not exist surfaces as {@link AggregateNotFoundException}. */
    @SuppressWarnings("unchecked")
    private <R> R send(Object command) {
        try {
            return (R) commands.sendAndWait(command, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException failure) {
            AggregateNotFoundException missing = ExchangeFailures.find(failure, AggregateNotFoundException.class);
            if (missing != null && ExchangeFailures.refusalIn(failure) == null) {
                throw missing;
            }
            throw failure;
        }
    }
}
