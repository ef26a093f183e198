package org.exchange.api.order;

/**
 * Where an order is in its life. PENDING_NEW → NEW → PARTIALLY_FILLED → one of the final states.
 * Clients switch on these names: never rename one.
 */
public enum OrderStatus {
    PENDING_NEW,
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    REJECTED,
    EXPIRED;

    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }
}
