package org.exchange.query.order;

import org.exchange.query.order.OrderReadModel.OrderRow;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * Read-your-writes for one order: the command side answers a placed order's id before the projection
 * has its row (tens of milliseconds later), so a lookup that finds nothing asks again for a bounded
 * time. Only ids that the command side could have issued (UUID versions 3 and 4) wait, and only
 * {@code maxWaiting} requests at once: anything else is answered at once. Another account's order is
 * never found by the caller's lookup, so it takes exactly the path of an unknown id (no timing hint).
 */
@Component
public class FreshOrders {

    private static final Pattern ISSUED_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[34][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final OrderReadModel orders;
    private final FreshOrderProperties properties;
    private final Semaphore waiting;

    FreshOrders(OrderReadModel orders, FreshOrderProperties properties) {
        this.orders = orders;
        this.properties = properties;
        this.waiting = new Semaphore(properties.maxWaiting());
    }

    /** The caller's order, waiting up to {@code maxWait} for it if it could be one just placed. */
    public Optional<OrderRow> find(String accountId, String orderId) {
        Optional<OrderRow> found = orders.find(accountId, orderId);
        if (found.isPresent() || !ISSUED_ID.matcher(orderId).matches() || !waiting.tryAcquire()) {
            return found;
        }
        try {
            return awaitRow(accountId, orderId);
        } finally {
            waiting.release();
        }
    }

    private Optional<OrderRow> awaitRow(String accountId, String orderId) {
        long deadline = System.nanoTime() + properties.maxWait().toNanos();
        Optional<OrderRow> found = Optional.empty();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            if (!pause(properties.pollInterval())) {
                break;
            }
            found = orders.find(accountId, orderId);
        }
        return found;
    }

    /** @return false when the request's thread is being interrupted (shutdown): stop waiting */
    private static boolean pause(Duration interval) {
        try {
            Thread.sleep(interval);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
