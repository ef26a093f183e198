package org.exchange.query.live;

import java.time.Instant;

/**
 * One event read from the event topic, decoded.
 *
 * @param aggregateType {@code Market}, {@code Order}, {@code Account}…
 * @param sequence      the aggregate's sequence number of this event
 * @param timestamp     when the event was recorded (the command side's clock)
 */
public record LiveEvent(String aggregateType, String aggregateId, long sequence, Instant timestamp, Object payload) {
}
