package org.exchange.command.market.engine;

/** All resting orders at one price on one side, oldest first, as an intrusive doubly-linked list. */
final class PriceLevel {

    long price;
    long totalQuantity;
    int orderCount;
    OrderNode head;
    OrderNode tail;
    /** While pooled, the next free level. */
    PriceLevel nextFree;

    void append(OrderNode node) {
        node.level = this;
        node.prev = tail;
        node.next = null;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        totalQuantity += node.remaining;
        orderCount++;
    }

    void unlink(OrderNode node) {
        if (node.prev == null) {
            head = node.next;
        } else {
            node.prev.next = node.next;
        }
        if (node.next == null) {
            tail = node.prev;
        } else {
            node.next.prev = node.prev;
        }
        totalQuantity -= node.remaining;
        orderCount--;
        node.level = null;
        node.prev = null;
        node.next = null;
    }

    boolean isEmpty() {
        return head == null;
    }
}
