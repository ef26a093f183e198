package org.exchange.query.audit;

import java.time.Instant;

/**
 * One row of the event store as Axon stored it.
 *
 * @param position      the global index: the event's place in the whole store
 * @param aggregateType the aggregate's type ({@code Account}, {@code Order}, {@code Market}, {@code Trade})
 * @param payloadType   the payload's class name
 * @param payload       the payload's JSON (UTF-8)
 * @param metadata      the metadata's JSON (UTF-8)
 */
record StoredEvent(long position, String eventId, String aggregateType, String aggregateId, long sequence,
                   String payloadType, String revision, Instant timestamp, byte[] payload, byte[] metadata) {

    /** The payload class's simple name, e.g. {@code OrderPlacedEvent}. */
    String eventType() {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }
}
