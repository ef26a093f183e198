package org.exchange.query.order;

import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderBookOutcomeRecordedEvent;
import org.exchange.api.order.OrderCancelRequestedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderRejectedEvent;
import org.exchange.api.order.OrderStatus;
import org.exchange.query.live.LiveEvent;
import org.exchange.query.live.LiveEventListener;
import org.exchange.query.stream.StreamHub;
import org.exchange.query.stream.Topic;
import org.exchange.query.stream.Updates.Fill;
import org.exchange.query.stream.Updates.OrderUpdate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code orders} stream: each event of a user's orders, with the order's status and totals after
 * it, to that user's connections only. Keeps the open orders (what an update needs to say about an
 * order: client id, terms, status, totals); an order is forgotten once it is final, so memory
 * follows the open orders. An event at or below the order's last sequence is a repeat (the publisher
 * republishes history after losing its token) and is not pushed again: for open orders, and for the
 * last {@link #FINISHED_REMEMBERED} orders that became final (their id and final sequence only).
 */
@Component
class OrderStream implements LiveEventListener {

    private static final Set<String> WANTED = Set.of(OrderPlacedEvent.class.getName(), OrderAcceptedEvent.class.getName(),
            OrderRejectedEvent.class.getName(), OrderCancelRequestedEvent.class.getName(),
            OrderFillRecordedEvent.class.getName(), OrderBookOutcomeRecordedEvent.class.getName(),
            OrderClosedEvent.class.getName());

    /**
     * How many final orders are remembered to recognise their events when they come again; a repeat of an
     * order that became final longer ago is pushed again (with its original sequence). About 13 MB
     * (a 36-character id and a map entry each).
     */
    static final int FINISHED_REMEMBERED = 100_000;

    private final StreamHub hub;
    /** Open orders by id. Only the reader thread touches it. */
    private final Map<String, OpenOrder> open = new HashMap<>();
    /** Orders that became final, most recent last: id → final sequence. Only the reader thread touches it. */
    private final Map<String, Long> finished = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > FINISHED_REMEMBERED;
        }
    };

    OrderStream(StreamHub hub) {
        this.hub = hub;
    }

    private static final class OpenOrder {
        String clientOrderId;
        String market;
        String side;
        String type;
        String price;
        String quantity;
        String timeInForce;
        String stopPrice;
        String quoteQuantity;
        String placedAt;
        OrderStatus status = OrderStatus.PENDING_NEW;
        BigDecimal filledQuantity;
        BigDecimal filledQuoteQuantity;
        BigDecimal fees;
        long sequence = -1;
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Order");
    }

    @Override
    public boolean wants(String payloadType) {
        return WANTED.contains(payloadType);
    }

    @Override
    public void on(LiveEvent event, boolean live) {
        if (event.payload() == null) {
            return;
        }
        Long finalSequence = finished.get(event.aggregateId());
        if (finalSequence != null && event.sequence() <= finalSequence) {
            return;
        }
        OpenOrder order = open.computeIfAbsent(event.aggregateId(), id -> new OpenOrder());
        if (event.sequence() <= order.sequence) {
            return;
        }
        order.sequence = event.sequence();
        String account = null;
        String kind;
        String reason = null;
        String averagePrice = null;
        Fill fill = null;
        switch (event.payload()) {
            case OrderPlacedEvent placed -> {
                account = placed.accountId().value();
                kind = "PLACED";
                order.clientOrderId = placed.clientOrderId();
                order.market = placed.terms().marketId().value();
                order.side = placed.terms().side().name();
                order.type = placed.terms().type().name();
                order.price = plain(placed.terms().price());
                order.quantity = plain(placed.terms().quantity());
                order.timeInForce = placed.terms().timeInForce() == null ? null : placed.terms().timeInForce().name();
                order.stopPrice = plain(placed.terms().stopPrice());
                order.quoteQuantity = plain(placed.terms().quoteQuantity());
                order.placedAt = placed.placedAt().toString();
            }
            case OrderAcceptedEvent accepted -> {
                account = accepted.accountId().value();
                kind = "ACCEPTED";
                if (order.status == OrderStatus.PENDING_NEW) {
                    order.status = OrderStatus.NEW;
                }
            }
            case OrderRejectedEvent rejected -> {
                account = rejected.accountId().value();
                kind = "REJECTED";
                reason = rejected.reason();
                order.status = OrderStatus.REJECTED;
            }
            case OrderCancelRequestedEvent canceling -> {
                account = canceling.accountId().value();
                kind = "CANCEL_REQUESTED";
            }
            case OrderFillRecordedEvent filled -> {
                account = filled.accountId().value();
                kind = "FILL";
                order.status = OrderStatus.PARTIALLY_FILLED;
                order.filledQuantity = filled.filledQuantity();
                order.filledQuoteQuantity = filled.filledQuoteQuantity();
                order.fees = filled.fees();
                fill = new Fill(filled.tradeId().value(), filled.liquidity().name(), plain(filled.price()),
                        plain(filled.quantity()), plain(filled.quoteQuantity()), plain(filled.fee()),
                        filled.feeAsset().code());
            }
            case OrderBookOutcomeRecordedEvent outcome -> {
                account = outcome.accountId().value();
                kind = "BOOK_OUTCOME";
                reason = outcome.reason();
            }
            case OrderClosedEvent closed -> {
                account = closed.accountId().value();
                kind = "CLOSED";
                reason = closed.reason();
                order.status = closed.status();
                order.filledQuantity = closed.filledQuantity();
                order.filledQuoteQuantity = closed.filledQuoteQuantity();
                order.fees = closed.fees();
                averagePrice = plain(closed.averagePrice());
            }
            default -> {
                return;
            }
        }
        if (order.status.isFinal()) {
            open.remove(event.aggregateId());
            finished.put(event.aggregateId(), event.sequence());
        }
        Topic topic = Topic.orders(account);
        if (live && hub.hasSubscribers(topic)) {
            hub.publish(topic, new OrderUpdate(event.aggregateId(), order.clientOrderId, order.market, order.side,
                    order.type, kind, order.status.name(), reason, order.price, order.quantity,
                    plain(order.filledQuantity), plain(order.filledQuoteQuantity), averagePrice, plain(order.fees), fill,
                    event.sequence(), event.timestamp().toString(), order.timeInForce, order.stopPrice,
                    order.quoteQuantity, order.placedAt));
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
