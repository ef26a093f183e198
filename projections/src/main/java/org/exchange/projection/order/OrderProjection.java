package org.exchange.projection.order;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderCancelRequestedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderRejectedEvent;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.projection.sql.ReadModelWrites;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/**
 * The {@code orders} table: one row per order, as its owner sees it. Every event of an order carries
 * the order's cumulative state (fills, fees), so each change is a plain overwrite guarded by the
 * {@code Order} aggregate's sequence number: a repeated or older event changes nothing, and a final
 * status is never left again.
 */
@Component
@ProcessingGroup(OrderProjection.PROCESSING_GROUP)
class OrderProjection {

    static final String PROCESSING_GROUP = "orders";

    private final ReadModelWrites writes;

    OrderProjection(ReadModelWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        OrderTerms terms = event.terms();
        writes.sql("""
                        insert into orders (order_id, account_id, client_order_id, market_id, side, type, time_in_force,
                                            price, quantity, quote_quantity, stop_price, status, filled_quantity,
                                            filled_quote_quantity, fees, last_sequence, created_at, updated_at)
                        values (:order, :account, :clientOrderId, :market, :side, :type, :timeInForce, :price,
                                :quantity, :quoteQuantity, :stopPrice, 'PENDING_NEW', 0, 0, 0, :sequence,
                                :placedAt, :at)
                        on conflict (order_id) do nothing
                        """)
                .param("order", event.orderId().value())
                .param("account", event.accountId().value())
                .param("clientOrderId", event.clientOrderId())
                .param("market", terms.marketId().value())
                .param("side", terms.side().name())
                .param("type", terms.type().name())
                .param("timeInForce", terms.timeInForce() == null ? null : terms.timeInForce().name())
                .param("price", terms.price())
                .param("quantity", terms.quantity())
                .param("quoteQuantity", terms.quoteQuantity())
                .param("stopPrice", terms.stopPrice())
                .param("sequence", sequence)
                .param("placedAt", event.placedAt().atOffset(ZoneOffset.UTC))
                .param("at", at.atOffset(ZoneOffset.UTC))
                .forRow("orders", event.orderId().value());
    }

    @EventHandler
    void on(OrderAcceptedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId().value(), sequence, at, "status = " + unlessFinal(OrderStatus.NEW), sql -> sql);
    }

    @EventHandler
    void on(OrderRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId().value(), sequence, at, "status = 'REJECTED', reason = :reason",
                sql -> sql.param("reason", event.reason()));
    }

    @EventHandler
    void on(OrderCancelRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId().value(), sequence, at, "cancel_requested = true", sql -> sql);
    }

    @EventHandler
    void on(OrderFillRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId().value(), sequence, at, """
                        status = %s, filled_quantity = :filled, filled_quote_quantity = :filledQuote, fees = :fees,
                        fee_asset = :feeAsset""".formatted(unlessFinal(OrderStatus.PARTIALLY_FILLED)),
                sql -> sql.param("filled", event.filledQuantity())
                        .param("filledQuote", event.filledQuoteQuantity())
                        .param("fees", event.fees())
                        .param("feeAsset", event.feeAsset().code()));
    }

    @EventHandler
    void on(OrderClosedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId().value(), sequence, at, """
                        status = :status, reason = :reason, filled_quantity = :filled,
                        filled_quote_quantity = :filledQuote, average_price = :averagePrice, fees = :fees""",
                sql -> sql.param("status", event.status().name())
                        .param("reason", event.reason())
                        .param("filled", event.filledQuantity())
                        .param("filledQuote", event.filledQuoteQuantity())
                        .param("averagePrice", event.averagePrice())
                        .param("fees", event.fees()));
    }

    /** The status to set, unless the order is already final (a final status is never left). */
    private static String unlessFinal(OrderStatus status) {
        return "case when orders.status in ('FILLED', 'CANCELED', 'REJECTED', 'EXPIRED') then orders.status else '"
                + status.name() + "' end";
    }

    /** Applies {@code assignments} to the order's row if this event is newer than the last one applied to it. */
    private void change(String orderId, long sequence, Instant at, String assignments,
                        UnaryOperator<ReadModelWrites.Write> params) {
        params.apply(writes.sql("""
                        update orders set %s, last_sequence = :sequence, updated_at = :at
                         where order_id = :order and last_sequence < :sequence
                        """.formatted(assignments)))
                .param("order", orderId)
                .param("sequence", sequence)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .forRow("orders", orderId);
    }
}
