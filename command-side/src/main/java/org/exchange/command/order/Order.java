package org.exchange.command.order;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.exchange.command.market.AggregateCacheConfiguration;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.order.AcceptOrderCommand;
import org.exchange.api.order.CancelOrderCommand;
import org.exchange.api.order.CloseOrderCommand;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderBookOutcomeRecordedEvent;
import org.exchange.api.order.OrderCancelRequestedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderRejectedEvent;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderSummary;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.PlaceOrderCommand;
import org.exchange.api.order.RejectOrderCommand;
import org.exchange.api.trade.TradeId;

import java.math.BigDecimal;
import java.time.Instant;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One trader's order and its lifecycle, PENDING_NEW → NEW → PARTIALLY_FILLED → FILLED / CANCELED /
 * REJECTED / EXPIRED (ADR 0008). Every command handler answers an {@link OrderSummary}.
 *
 * <p>Rules: placing is idempotent (a repeat is answered with the existing order, whatever its terms);
 * only an order that never reached the book can be rejected, so a late rejection never overrides a
 * real lifecycle; only the owner can cancel, and to anyone else the order does not exist; an order
 * closes when two facts have met, in either order — the book is done with it
 * ({@link CloseOrderCommand}) and its settled quantity equals what the book executed; fills are
 * recorded once per trade, and a fill for a final order or beyond the executed quantity is a bug
 * ({@link IllegalStateException}), never silently accepted.
 *
 * <p>The average price is {@code filledQuote / filledQuantity} rounded half-even to
 * {@value #AVERAGE_PRICE_EXTRA_DECIMALS} more decimals than the fill prices carry (the tick's
 * decimals): the order does not know the quote asset's scale, and this is exact to far below a tick.
 */
@Aggregate(cache = AggregateCacheConfiguration.ORDER_CACHE)
public class Order {

    static final int AVERAGE_PRICE_EXTRA_DECIMALS = 8;
    private static final Set<OrderStatus> BOOK_OUTCOMES =
            EnumSet.of(OrderStatus.FILLED, OrderStatus.CANCELED, OrderStatus.EXPIRED);

    @AggregateIdentifier
    private OrderId orderId;
    private AccountId accountId;
    private String clientOrderId;
    private OrderTerms terms;
    private Instant placedAt;
    private Asset holdAsset;
    private BigDecimal holdAmount;
    private OrderStatus status;
    private String reason;
    private boolean accepted;
    private boolean cancelRequested;
    /** What the book said when it was done with the order; {@code null} while it is still there. */
    private OrderStatus bookOutcome;
    private String bookReason;
    private BigDecimal executedQuantity;
    private BigDecimal filledQuantity = BigDecimal.ZERO;
    private BigDecimal filledQuoteQuantity = BigDecimal.ZERO;
    private BigDecimal fees = BigDecimal.ZERO;
    private int priceScale;
    private final Set<TradeId> settledTrades = new HashSet<>();

    /**
     * One settled trade's part for this order, as the settlement computed it.
     *
     * @param fee in {@code feeAsset}, already rounded down
     */
    public record Fill(TradeId tradeId, Liquidity liquidity, BigDecimal price, BigDecimal quantity,
                       BigDecimal quoteQuantity, BigDecimal fee, Asset feeAsset) {
    }

    protected Order() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public OrderSummary handle(PlaceOrderCommand command) {
        if (orderId != null) {
            return summary(true);
        }
        apply(new OrderPlacedEvent(command.orderId(), command.accountId(), command.clientOrderId(), command.terms(),
                command.holdAsset(), command.holdAmount(), GenericEventMessage.clock.instant()));
        return summary(false);
    }

    @CommandHandler
    public OrderSummary handle(RejectOrderCommand command) {
        if (status == OrderStatus.REJECTED) {
            return summary(true);
        }
        if (!neverReachedTheBook()) {
            return summary(false);
        }
        apply(new OrderRejectedEvent(orderId, accountId, terms.marketId(), command.reason()));
        return summary(false);
    }

    @CommandHandler
    public OrderSummary handle(AcceptOrderCommand command) {
        if (accepted) {
            return summary(true);
        }
        if (status.isFinal()) {
            return summary(false);
        }
        apply(new OrderAcceptedEvent(orderId, accountId, terms.marketId()));
        return summary(false);
    }

    /** Created-if-missing only so that an unknown order is refused like another trader's order. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public OrderSummary handle(CancelOrderCommand command) {
        if (orderId == null || !accountId.equals(command.requestedBy())) {
            throw new ExchangeException(ErrorCode.ORDER_NOT_FOUND, "order " + command.orderId() + " not found");
        }
        if (status.isFinal() || bookOutcome != null) {
            throw new ExchangeException(ErrorCode.ALREADY_CLOSED, "order " + orderId + " is already "
                    + (status.isFinal() ? status : bookOutcome));
        }
        if (cancelRequested) {
            return summary(true);
        }
        apply(new OrderCancelRequestedEvent(orderId, accountId, terms.marketId()));
        return summary(false);
    }

    @CommandHandler
    public OrderSummary handle(CloseOrderCommand command) {
        validBookOutcome(command);
        if (bookOutcome != null) {
            return summary(true);
        }
        if (status.isFinal()) {
            return summary(false);
        }
        if (settledAll(command.executedQuantity())) {
            apply(closed(command.outcome(), command.reason()));
        } else {
            apply(new OrderBookOutcomeRecordedEvent(orderId, accountId, terms.marketId(), command.outcome(),
                    command.reason(), command.executedQuantity()));
        }
        return summary(false);
    }

    /**
     * Records a settled trade's fill; called by the settlement inside its unit of work. Closes the order
     * when the book is already done with it and this fill settles the last of its executed quantity.
     * A trade already recorded changes nothing.
     */
    public void recordFill(Fill fill) {
        if (settledTrades.contains(fill.tradeId())) {
            return;
        }
        if (status.isFinal()) {
            throw new IllegalStateException("trade " + fill.tradeId() + " fills order " + orderId
                    + ", which is already " + status);
        }
        apply(new OrderFillRecordedEvent(orderId, accountId, terms.marketId(), fill.tradeId(), fill.liquidity(),
                fill.price(), fill.quantity(), fill.quoteQuantity(), fill.fee(), fill.feeAsset(),
                filledQuantity.add(fill.quantity()), filledQuoteQuantity.add(fill.quoteQuantity()),
                fees.add(fill.fee())));
        if (bookOutcome != null && settledAll(executedQuantity)) {
            apply(closed(bookOutcome, bookReason));
        }
    }

    /** The book never took it: not accepted, nothing traded, no outcome from the book. */
    private boolean neverReachedTheBook() {
        return status == OrderStatus.PENDING_NEW && !accepted && bookOutcome == null
                && filledQuantity.signum() == 0;
    }

    /** Settled quantity has reached what the book executed; beyond it is a bug. */
    private boolean settledAll(BigDecimal executed) {
        int comparison = filledQuantity.compareTo(executed);
        if (comparison > 0) {
            throw new IllegalStateException("order " + orderId + " settled " + filledQuantity.toPlainString()
                    + " but the book executed only " + executed.toPlainString());
        }
        return comparison == 0;
    }

    private static void validBookOutcome(CloseOrderCommand command) {
        if (!BOOK_OUTCOMES.contains(command.outcome()) || command.executedQuantity() == null
                || command.executedQuantity().signum() < 0) {
            throw new IllegalArgumentException("a book outcome is FILLED, CANCELED or EXPIRED with an executed "
                    + "quantity >= 0, not " + command.outcome() + " / " + command.executedQuantity());
        }
    }

    private OrderClosedEvent closed(OrderStatus outcome, String why) {
        return new OrderClosedEvent(orderId, accountId, terms.marketId(), outcome, why, filledQuantity,
                filledQuoteQuantity, averagePrice(), fees);
    }

    private BigDecimal averagePrice() {
        if (filledQuantity.signum() == 0) {
            return null;
        }
        return filledQuoteQuantity.divide(filledQuantity, priceScale + AVERAGE_PRICE_EXTRA_DECIMALS,
                RoundingMode.HALF_EVEN);
    }

    private OrderSummary summary(boolean repeated) {
        return new OrderSummary(orderId, accountId, clientOrderId, terms, status, reason, filledQuantity,
                filledQuoteQuantity, fees, repeated, placedAt, holdAsset, holdAmount);
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        accountId = event.accountId();
        clientOrderId = event.clientOrderId();
        terms = event.terms();
        placedAt = event.placedAt();
        holdAsset = event.holdAsset();
        holdAmount = event.holdAmount();
        status = OrderStatus.PENDING_NEW;
    }

    @EventSourcingHandler
    void on(OrderRejectedEvent event) {
        status = OrderStatus.REJECTED;
        reason = event.reason();
    }

    @EventSourcingHandler
    void on(OrderAcceptedEvent event) {
        accepted = true;
        if (status == OrderStatus.PENDING_NEW) {
            status = OrderStatus.NEW;
        }
    }

    @EventSourcingHandler
    void on(OrderCancelRequestedEvent event) {
        cancelRequested = true;
    }

    @EventSourcingHandler
    void on(OrderFillRecordedEvent event) {
        settledTrades.add(event.tradeId());
        filledQuantity = event.filledQuantity();
        filledQuoteQuantity = event.filledQuoteQuantity();
        fees = event.fees();
        priceScale = Math.max(priceScale, event.price().scale());
        status = OrderStatus.PARTIALLY_FILLED;
    }

    @EventSourcingHandler
    void on(OrderBookOutcomeRecordedEvent event) {
        bookOutcome = event.outcome();
        bookReason = event.reason();
        executedQuantity = event.executedQuantity();
    }

    @EventSourcingHandler
    void on(OrderClosedEvent event) {
        bookOutcome = event.status();
        status = event.status();
        reason = event.reason();
    }
}
