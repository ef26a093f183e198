package org.exchange.query.market.live;

import org.exchange.api.order.OrderSide;
import org.exchange.query.market.live.BookDepth.Level;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One market's book as the Market aggregate's events describe it: the resting orders and the total
 * quantity per price level. Holds only orders that rest (or were accepted and have not yet rested or
 * left), so its size follows the open orders, not the history. Not thread-safe: {@link LiveMarket}
 * locks around it.
 * <p>
 * What the command side's {@code Market} records for a resting order: {@code OrderAcceptedByBookEvent}
 * (side and limit price), trades as taker, then {@code OrderRestedEvent} with the remainder; each
 * later match as maker is a {@code TradeExecutedEvent} reducing it; it leaves with
 * {@code OrderLeftBookEvent} (FILLED right after the trade that completed it, CANCELED, or EXPIRED by
 * self-trade prevention). Orders that never rest (market, IOC, FOK, parked stops) leave without
 * touching the levels.
 */
final class OrderBook {

    private static final Comparator<BigDecimal> HIGHEST_FIRST = Comparator.reverseOrder();

    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(HIGHEST_FIRST);
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private final Map<String, OrderSide> accepted = new HashMap<>();
    private final Map<String, Resting> resting = new HashMap<>();
    private final NavigableSet<BigDecimal> changedBids = new TreeSet<>(HIGHEST_FIRST);
    private final NavigableSet<BigDecimal> changedAsks = new TreeSet<>();

    private static final class Resting {
        private final OrderSide side;
        private final BigDecimal price;
        private BigDecimal quantity;

        private Resting(OrderSide side, BigDecimal price, BigDecimal quantity) {
            this.side = side;
            this.price = price;
            this.quantity = quantity;
        }
    }

    record Changes(List<List<String>> bids, List<List<String>> asks) {
    }

    void accepted(String orderId, OrderSide side) {
        accepted.put(orderId, side);
    }

    /** @return {@code false} when the order's side is unknown (its acceptance was never seen) */
    boolean rested(String orderId, BigDecimal price, BigDecimal quantity) {
        OrderSide side = accepted.remove(orderId);
        if (side == null) {
            return false;
        }
        resting.put(orderId, new Resting(side, price, quantity));
        change(side, price, quantity);
        return true;
    }

    /** A resting order traded {@code quantity} as maker. */
    void traded(String makerOrderId, BigDecimal quantity) {
        Resting order = resting.get(makerOrderId);
        if (order == null) {
            return;
        }
        BigDecimal traded = quantity.min(order.quantity);
        order.quantity = order.quantity.subtract(traded);
        change(order.side, order.price, traded.negate());
        if (order.quantity.signum() <= 0) {
            resting.remove(makerOrderId);
        }
    }

    void left(String orderId) {
        accepted.remove(orderId);
        Resting order = resting.remove(orderId);
        if (order != null) {
            change(order.side, order.price, order.quantity.negate());
        }
    }

    List<Level> bids(int limit) {
        return levels(bids, limit);
    }

    List<Level> asks(int limit) {
        return levels(asks, limit);
    }

    /** The levels changed since the last call, best first, with their totals now ({@code "0"}: gone). */
    Changes drainChanges() {
        Changes changes = new Changes(changed(changedBids, bids), changed(changedAsks, asks));
        changedBids.clear();
        changedAsks.clear();
        return changes;
    }

    int restingOrders() {
        return resting.size();
    }

    private void change(OrderSide side, BigDecimal price, BigDecimal delta) {
        NavigableMap<BigDecimal, BigDecimal> levels = side == OrderSide.BUY ? bids : asks;
        BigDecimal total = levels.getOrDefault(price, null);
        BigDecimal after = total == null ? delta : total.add(delta);
        if (after.signum() <= 0) {
            levels.remove(price);
        } else {
            levels.put(price, after);
        }
        (side == OrderSide.BUY ? changedBids : changedAsks).add(price);
    }

    private static List<Level> levels(NavigableMap<BigDecimal, BigDecimal> side, int limit) {
        List<Level> levels = new ArrayList<>(Math.min(limit, side.size()));
        for (Map.Entry<BigDecimal, BigDecimal> level : side.entrySet()) {
            if (levels.size() == limit) {
                break;
            }
            levels.add(new Level(level.getKey(), level.getValue()));
        }
        return levels;
    }

    private static List<List<String>> changed(NavigableSet<BigDecimal> prices, NavigableMap<BigDecimal, BigDecimal> side) {
        List<List<String>> changes = new ArrayList<>(prices.size());
        for (BigDecimal price : prices) {
            BigDecimal total = side.get(price);
            changes.add(List.of(price.toPlainString(), total == null ? "0" : total.toPlainString()));
        }
        return changes;
    }
}
