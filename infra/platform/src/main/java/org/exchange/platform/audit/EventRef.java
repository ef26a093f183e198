package org.exchange.platform.audit;

import java.time.Instant;

/** Where an event is: its position, aggregate, sequence, identifier and time. */
record EventRef(long position, String aggregateId, long sequence, String eventId, Instant timestamp) {
}
