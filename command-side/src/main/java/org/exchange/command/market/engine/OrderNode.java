package org.exchange.command.market.engine;

/**
 * A resting order and its place in its price level's FIFO. Nodes are pooled by {@link LimitOrderBook}
 * and reused after the order leaves the book, so resting an order allocates nothing once the pool
 * has grown to the book's peak size.
 */
final class OrderNode {

    long orderId;
    long accountId;
    Side side;
    long price;
    long remaining;
    PriceLevel level;
    OrderNode prev;
    /** Next younger order in the level; while pooled, the next free node. */
    OrderNode next;

    void clear() {
        side = null;
        level = null;
        prev = null;
        next = null;
    }
}
