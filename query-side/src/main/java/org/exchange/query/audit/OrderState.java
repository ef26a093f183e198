package org.exchange.query.audit;

import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderCancelRequestedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderRejectedEvent;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.query.order.OrderView;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * An order's state after some of its events, folded by exactly the rules of the {@code orders} read
 * model (projections' {@code OrderProjection}): the same events change it and in the same way, a final
 * status is never left, and it answers in the read model's shape ({@link OrderView}), with times at the
 * read model's precision (microseconds). The point-in-time IT holds the two to each other.
 */
final class OrderState {

    private static final Set<OrderStatus> FINAL = EnumSet.of(OrderStatus.FILLED, OrderStatus.CANCELED,
            OrderStatus.REJECTED, OrderStatus.EXPIRED);

    private OrderPlacedEvent placed;
    private OrderStatus status;
    private String reason;
    private boolean cancelRequested;
    private BigDecimal filledQuantity = BigDecimal.ZERO;
    private BigDecimal filledQuoteQuantity = BigDecimal.ZERO;
    private BigDecimal averagePrice;
    private BigDecimal fees = BigDecimal.ZERO;
    private String feeAsset;
    private Instant updatedAt;

    /** Applies one event of the order (in sequence order); events that do not change the read model are skipped. */
    void apply(Object event, Instant at) {
        switch (event) {
            case OrderPlacedEvent e -> {
                placed = e;
                status = OrderStatus.PENDING_NEW;
            }
            case OrderAcceptedEvent e -> status = unlessFinal(OrderStatus.NEW);
            case OrderRejectedEvent e -> {
                status = OrderStatus.REJECTED;
                reason = e.reason();
            }
            case OrderCancelRequestedEvent e -> cancelRequested = true;
            case OrderFillRecordedEvent e -> {
                status = unlessFinal(OrderStatus.PARTIALLY_FILLED);
                filledQuantity = e.filledQuantity();
                filledQuoteQuantity = e.filledQuoteQuantity();
                fees = e.fees();
                feeAsset = e.feeAsset().code();
            }
            case OrderClosedEvent e -> {
                status = e.status();
                reason = e.reason();
                filledQuantity = e.filledQuantity();
                filledQuoteQuantity = e.filledQuoteQuantity();
                averagePrice = e.averagePrice();
                fees = e.fees();
            }
            default -> {
                return;
            }
        }
        updatedAt = at;
    }

    boolean placed() {
        return placed != null;
    }

    OrderView view() {
        OrderTerms terms = placed.terms();
        return new OrderView(placed.orderId().value(), placed.clientOrderId(), terms.marketId().value(),
                terms.side().name(), terms.type().name(), terms.timeInForce() == null ? null : terms.timeInForce().name(),
                plain(terms.price()), plain(terms.quantity()), plain(terms.quoteQuantity()), plain(terms.stopPrice()),
                status.name(), reason, cancelRequested, plain(filledQuantity), plain(filledQuoteQuantity),
                plain(averagePrice), plain(fees), feeAsset, micros(placed.placedAt()), micros(updatedAt));
    }

    private OrderStatus unlessFinal(OrderStatus next) {
        return FINAL.contains(status) ? status : next;
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /**
     * The instant as the read model holds it: PostgreSQL keeps microseconds, and the JDBC driver rounds
     * the event's nanoseconds to the nearest one (half up) when the projection writes it. Truncating
     * instead made "now" differ from {@code GET /api/v1/orders/{id}} by a microsecond for about half
     * of all orders (AuditTrailSystemIT).
     */
    private static String micros(Instant at) {
        return at.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }
}
