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
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.DecimalUnits;
import org.exchange.platform.search.Pseudonyms;
import org.exchange.projection.search.SearchBulk;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders index: one document per order, id = order id. Each event sets the fields it knows (every
 * order event carries the order's cumulative fills and fees) through a scripted upsert that is guarded
 * by the {@code Order} aggregate's sequence number, the equivalent of external versioning for partial
 * updates: an event at or below {@code lastSequence} changes nothing, so redelivery and replay leave
 * the same document. A final status is never left again.
 */
@Component
@ProcessingGroup(OrderSearchProjection.PROCESSING_GROUP)
class OrderSearchProjection {

    static final String PROCESSING_GROUP = "orders-search";

    /** How an event's status applies to the current one. */
    private enum StatusRule {
        /** The event decides (placed, rejected, closed). */
        ALWAYS,
        /** Only while the order is not final (a fill). */
        UNLESS_FINAL,
        /** Only over PENDING_NEW (accepted: a fill recorded first already says more). */
        FROM_PENDING
    }

    private static final String SCRIPT = """
            def s = ctx._source;
            if (s.lastSequence != null && s.lastSequence >= params.sequence) {
              ctx.op = 'none';
            } else {
              for (String field : params.fields.keySet()) {
                s[field] = params.fields[field];
              }
              for (String field : params.cleared) {
                s[field] = null;
              }
              if (params.status != null) {
                def current = s.status;
                boolean isFinal = current == 'FILLED' || current == 'CANCELED' || current == 'REJECTED'
                    || current == 'EXPIRED';
                if (params.rule == 'ALWAYS'
                    || (params.rule == 'UNLESS_FINAL' && !isFinal)
                    || (params.rule == 'FROM_PENDING' && (current == null || current == 'PENDING_NEW'))) {
                  s.status = params.status;
                }
              }
              if (s.cancelRequested == null) {
                s.cancelRequested = false;
              }
              s.orderId = params.orderId;
              s.lastSequence = params.sequence;
              s.updatedAt = params.at;
            }
            """;

    private final SearchBulk bulk;
    private final Pseudonyms pseudonyms;

    OrderSearchProjection(SearchBulk bulk, Pseudonyms pseudonyms) {
        this.bulk = bulk;
        this.pseudonyms = pseudonyms;
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        OrderTerms terms = event.terms();
        Map<String, Object> fields = new HashMap<>();
        fields.put("account", pseudonyms.of(event.accountId().value()));
        fields.put("clientOrderId", event.clientOrderId());
        fields.put("market", terms.marketId().value());
        fields.put("side", terms.side().name());
        fields.put("type", terms.type().name());
        fields.put("timeInForce", terms.timeInForce() == null ? null : terms.timeInForce().name());
        decimal(fields, "price", terms.price());
        decimal(fields, "quantity", terms.quantity());
        decimal(fields, "quoteQuantity", terms.quoteQuantity());
        decimal(fields, "stopPrice", terms.stopPrice());
        decimal(fields, "filledQuantity", BigDecimal.ZERO);
        decimal(fields, "filledQuoteQuantity", BigDecimal.ZERO);
        decimal(fields, "fees", BigDecimal.ZERO);
        fields.put("createdAt", event.placedAt().toString());
        change(event.orderId().value(), sequence, at, fields, OrderStatus.PENDING_NEW, StatusRule.ALWAYS);
    }

    @EventHandler
    void on(OrderAcceptedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId().value(), sequence, at, Map.of(), OrderStatus.NEW, StatusRule.FROM_PENDING);
    }

    @EventHandler
    void on(OrderRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("reason", event.reason());
        change(event.orderId().value(), sequence, at, fields, OrderStatus.REJECTED, StatusRule.ALWAYS);
    }

    @EventHandler
    void on(OrderCancelRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId().value(), sequence, at, Map.of("cancelRequested", true), null, StatusRule.ALWAYS);
    }

    @EventHandler
    void on(OrderFillRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> fields = new HashMap<>();
        decimal(fields, "filledQuantity", event.filledQuantity());
        decimal(fields, "filledQuoteQuantity", event.filledQuoteQuantity());
        decimal(fields, "fees", event.fees());
        fields.put("feeAsset", event.feeAsset().code());
        change(event.orderId().value(), sequence, at, fields, OrderStatus.PARTIALLY_FILLED, StatusRule.UNLESS_FINAL);
    }

    @EventHandler
    void on(OrderClosedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("reason", event.reason());
        decimal(fields, "filledQuantity", event.filledQuantity());
        decimal(fields, "filledQuoteQuantity", event.filledQuoteQuantity());
        decimal(fields, "fees", event.fees());
        // more decimals than the units carry (a ratio): the string only
        fields.put("averagePrice", event.averagePrice() == null ? null : event.averagePrice().toPlainString());
        change(event.orderId().value(), sequence, at, fields, event.status(), StatusRule.ALWAYS);
    }

    private static void decimal(Map<String, Object> fields, String name, BigDecimal value) {
        fields.put(name, value == null ? null : value.toPlainString());
        fields.put(name + "Units", DecimalUnits.ofNullable(value));
    }

    private void change(String orderId, long sequence, Instant at, Map<String, Object> fields, OrderStatus status,
                        StatusRule rule) {
        Map<String, Object> params = new HashMap<>();
        params.put("orderId", orderId);
        params.put("sequence", sequence);
        params.put("at", at.toString());
        // the client's JSON mapper leaves out null map values: name the fields to clear instead
        Map<String, Object> values = new HashMap<>();
        List<String> cleared = new ArrayList<>();
        fields.forEach((name, value) -> {
            if (value == null) {
                cleared.add(name);
            } else {
                values.put(name, value);
            }
        });
        params.put("fields", values);
        params.put("cleared", cleared);
        params.put("status", status == null ? null : status.name());
        params.put("rule", rule.name());
        bulk.upsert(AnalyticsIndex.ORDERS, orderId, SCRIPT, params);
    }
}
