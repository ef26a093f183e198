package org.exchange.query.stream;

import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketHaltedEvent;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.MarketResumedEvent;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.OrderAcceptedByBookEvent;
import org.exchange.api.market.OrderLeftBookEvent;
import org.exchange.api.market.OrderRestedEvent;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.api.trade.TradeId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One market's events as the command side's {@code Market} records them, numbered like the
 * aggregate numbers them, put on a test's topic.
 */
public final class MarketEvents {

    private final EventTopic topic;
    private final MarketId market;
    private final Map<OrderId, OrderSide> sides = new HashMap<>();
    private long sequence = -1;
    private long trades;
    private long engineIds;
    private Instant clock = Instant.parse("2026-11-21T10:00:00Z");
    /** Every event published, at its sequence number. */
    private final List<Published> history = new ArrayList<>();

    private record Published(Instant timestamp, Object payload) {
    }

    public MarketEvents(EventTopic topic, String market) {
        this.topic = topic;
        this.market = MarketId.of(market);
    }

    public long sequence() {
        return sequence;
    }

    /** Timestamps of the following events. */
    public MarketEvents at(Instant timestamp) {
        this.clock = timestamp;
        return this;
    }

    public MarketEvents open() {
        return publish(new MarketOpenedEvent(market, new MarketSpec(market.base(), market.quote(), new BigDecimal("0.01"),
                new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("100"), new BigDecimal("1"),
                new BigDecimal("0.001"), new BigDecimal("0.002"))));
    }

    /** A limit order that rests whole: accepted, then rested. */
    public OrderId rest(String account, OrderSide side, String price, String quantity) {
        OrderId order = accept(account, side, price, quantity);
        publish(new OrderRestedEvent(market, order, AccountId.of(account), new BigDecimal(price), new BigDecimal(quantity)));
        return order;
    }

    public OrderId accept(String account, OrderSide side, String price, String quantity) {
        OrderId order = OrderId.random();
        sides.put(order, side);
        publish(new OrderAcceptedByBookEvent(market, order, AccountId.of(account), new OrderTerms(market, side, OrderType.LIMIT,
                TimeInForce.GTC, new BigDecimal(price), new BigDecimal(quantity), null, null, SelfTradeMode.EXPIRE_MAKER),
                ++engineIds, 1, 0, 0, 0, null));
        return order;
    }

    public MarketEvents trade(OrderId maker, OrderId taker, String price, String quantity) {
        BigDecimal p = new BigDecimal(price);
        BigDecimal q = new BigDecimal(quantity);
        trades++;
        return publish(new TradeExecutedEvent(TradeId.of(market, trades), market, trades, p, q, p.multiply(q), maker,
                AccountId.of("maker"), taker, AccountId.of("taker"), sides.get(taker), BigDecimal.ZERO, BigDecimal.ZERO,
                Asset.of(market.quote().code())));
    }

    public MarketEvents left(OrderId order, OrderStatus outcome) {
        return publish(new OrderLeftBookEvent(market, order, AccountId.of("someone"), outcome, null, BigDecimal.ZERO));
    }

    /** Two events that do not touch the book. */
    public MarketEvents haltAndResume() {
        publish(new MarketHaltedEvent(market, "test"));
        return publish(new MarketResumedEvent(market));
    }

    /**
     * The events from sequence {@code first} on, published again as they were (same sequence numbers and
     * timestamps), after the later ones: what the command side's publisher does when it lost its token.
     */
    public MarketEvents republishFrom(long first) {
        for (long again = first; again <= sequence; again++) {
            Published event = history.get((int) again);
            topic.publish("Market", market.value(), again, event.timestamp(), event.payload());
        }
        return this;
    }

    private MarketEvents publish(Object payload) {
        topic.publish("Market", market.value(), ++sequence, clock, payload);
        history.add(new Published(clock, payload));
        return this;
    }
}
