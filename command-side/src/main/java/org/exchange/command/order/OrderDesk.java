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
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Placing and canceling a trader's orders, the synchronous part of ADR 0008, whichever API the
 * request came through (the native {@link OrderController}, the Binance-compatible
 * {@link BinanceOrderController}): create the order, hold its funds, put it in the book; the answer
 * carries the book's outcome. Everything after that (settlement, releasing what is left of the
 * hold) is the order saga's.
 */
@Component
class OrderDesk {

    private static final long COMMAND_TIMEOUT_SECONDS = 10;

    private final CommandGateway commands;
    private final MarketDirectory markets;
    private final AssetCatalog assets;
    private final WrittenPositions positions;
    private final MarketTurns turns;

    OrderDesk(CommandGateway commands, MarketDirectory markets, AssetCatalog assets, WrittenPositions positions,
              MarketTurns turns) {
        this.commands = commands;
        this.markets = markets;
        this.assets = assets;
        this.positions = positions;
        this.turns = turns;
    }

    /**
     * A placed order as the book saw it on arrival (or, for a retry of a finished placement, as the
     * order is now).
     *
     * @param executedQuantity base quantity traded on arrival
     * @param fills            the trades made on arrival (recorded, settled afterwards by the saga);
     *                         {@code null} when not known: a retry answers the order as it is now
     * @param repeated         a retry that found the order already placed
     * @param position         the event-store position of what the request wrote
     */
    record Placement(OrderId orderId, String clientOrderId, OrderTerms terms, OrderStatus status, String reason,
                     BigDecimal executedQuantity, List<BookOutcome.Fill> fills, boolean repeated, Instant placedAt,
                     long position) {
    }

    /**
     * A cancel request's result.
     *
     * @param summary  the order as it was when the cancel reached it
     * @param canceled whether the book took it out now
     */
    record Cancellation(OrderSummary summary, boolean canceled, long position) {

        OrderStatus status() {
            return canceled ? OrderStatus.CANCELED : summary.status();
        }
    }

    Placement place(AccountId account, OrderRequest request) {
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
            return new Placement(orderId, placed.clientOrderId(), placed.terms(), placed.status(), placed.reason(),
                    placed.filledQuantity(), null, true, placed.placedAt(), positions.latestOf(orderId.value()));
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
        BookOutcome outcome = turns.inTurn(terms.marketId(),
                () -> send(new SubmitOrderCommand(terms.marketId(), orderId, account, terms, quoteHold, placedAt)));
        if (outcome.status() == OrderStatus.PENDING_NEW) {
            // a late retry the market can no longer judge (it keeps outcomes for a while, ADR 0022): the
            // order may be in the book or never have reached it; the order saga settles which, so the
            // answer is the order as it is, and nothing is accepted or rejected here
            return new Placement(orderId, placed.clientOrderId(), terms, placed.status(), placed.reason(),
                    placed.filledQuantity(), null, placed.repeated(), placedAt, positions.latestOf(orderId.value()));
        }
        if (outcome.status() == OrderStatus.REJECTED) {
            send(new RejectOrderCommand(orderId, outcome.reason()));
            throw new ExchangeException(bookRefusal(outcome.reason()), "order " + orderId + " refused by the book: " + outcome.reason());
        }
        // the request's last write, after everything else it wrote: its position covers them all (the
        // order saga may have accepted the order first; then the order's latest event is the answer)
        long position = positions.writing(() -> send(new AcceptOrderCommand(orderId)),
                accepted -> new String[]{orderId.value()}).position();
        return new Placement(orderId, clientOrderId, terms, outcome.status(), outcome.reason(),
                outcome.executedQuantity(), outcome.fills(), placed.repeated(), placedAt, position);
    }

    /** Cancels one of the account's orders; another account's order is "not found", like an unknown one. */
    Cancellation cancel(AccountId account, OrderId id) {
        // the Order answers ORDER_NOT_FOUND itself, for unknown ids too (it is created-if-missing)
        WrittenPositions.Written<Cancellation> written = positions.writing(() -> {
            OrderSummary summary = send(new CancelOrderCommand(id, account));
            MarketId market = summary.terms().marketId();
            boolean canceled = turns.inTurn(market, () -> send(new CancelOrderInBookCommand(market, id)));
            return new Cancellation(summary, canceled, 0);
        }, cancellation -> new String[]{id.value(), cancellation.summary().terms().marketId().value()});
        return new Cancellation(written.result().summary(), written.result().canceled(), written.position());
    }

    /** Cancels every order of the account resting in one market (orders still on their way in are not included). */
    CanceledOrders cancelAll(AccountId account, MarketId market) {
        markets.spec(market);
        return turns.inTurn(market, () -> send(new CancelAccountOrdersCommand(market, account)));
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
