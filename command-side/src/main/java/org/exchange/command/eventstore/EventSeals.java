package org.exchange.command.eventstore;

import org.exchange.platform.eventchain.EventSeal;
import org.exchange.platform.eventchain.SealedEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes the seals of events just stored, in the caller's transaction: each chained to the seal of
 * its aggregate's previous event, found among the events being sealed or else in {@code event_seal}.
 * Two writers never seal the same aggregate sequence: the event store's unique (aggregate, sequence)
 * key already refused the second append.
 */
class EventSeals {

    private final EventSeal seal;
    private final JdbcTemplate jdbc;

    EventSeals(EventSeal seal, JdbcTemplate jdbc) {
        this.seal = seal;
        this.jdbc = jdbc;
    }

    /** @param events stored in this transaction, in position order */
    void seal(List<SealedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, byte[]> latest = previousSeals(events);
        List<Object[]> rows = new ArrayList<>(events.size());
        for (SealedEvent event : events) {
            byte[] previous = event.sequenceNumber() == 0 ? EventSeal.GENESIS : latest.get(event.aggregateIdentifier());
            if (previous == null) {
                throw new IllegalStateException("no seal for event " + (event.sequenceNumber() - 1) + " of aggregate "
                        + event.aggregateIdentifier() + ": the chain cannot be continued (ADR 0019)");
            }
            byte[] sealed = seal.seal(event, previous);
            latest.put(event.aggregateIdentifier(), sealed);
            rows.add(new Object[]{event.globalIndex(), event.eventIdentifier(), event.aggregateIdentifier(),
                    event.sequenceNumber(), previous, sealed});
        }
        jdbc.batchUpdate("""
                insert into event_seal (global_index, event_identifier, aggregate_identifier, sequence_number,
                                        previous_seal, seal) values (?, ?, ?, ?, ?, ?)""", rows);
    }

    /** The stored seal before the first of these events, per aggregate that already had events. */
    private Map<String, byte[]> previousSeals(List<SealedEvent> events) {
        Map<String, Long> firstSequence = new HashMap<>();
        events.forEach(event -> firstSequence.putIfAbsent(event.aggregateIdentifier(), event.sequenceNumber()));
        List<Object> parameters = new ArrayList<>();
        StringJoiner pairs = new StringJoiner(", ");
        firstSequence.forEach((aggregate, sequence) -> {
            if (sequence > 0) {
                pairs.add("(?, ?)");
                parameters.add(aggregate);
                parameters.add(sequence - 1);
            }
        });
        Map<String, byte[]> seals = new HashMap<>();
        if (parameters.isEmpty()) {
            return seals;
        }
        jdbc.query("select aggregate_identifier, seal from event_seal where (aggregate_identifier, sequence_number) in ("
                        + pairs + ")",
                row -> {
                    seals.put(row.getString(1), row.getBytes(2));
                }, parameters.toArray());
        return seals;
    }
}
