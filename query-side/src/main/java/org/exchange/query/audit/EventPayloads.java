package org.exchange.query.audit;

import org.exchange.platform.axon.StoredMessageJson;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Stored payloads as the published event records, read with the one stored JSON format, so that the
 * audit API interprets them with the same code as everyone else ({@code LedgerPostings}, the fold of
 * {@link OrderState}). Only classes of the published language are loaded.
 */
final class EventPayloads {

    private static final String PUBLISHED = "org.exchange.api.";
    private static final ObjectMapper JSON = StoredMessageJson.objectMapper();

    private EventPayloads() {
    }

    /** The payload as its event record; empty for a type that is not (or no longer) published. */
    static Optional<Object> read(StoredEvent event) {
        if (!event.payloadType().startsWith(PUBLISHED)) {
            return Optional.empty();
        }
        Class<?> type;
        try {
            type = Class.forName(event.payloadType(), false, EventPayloads.class.getClassLoader());
        } catch (ClassNotFoundException gone) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(event.payload(), type));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("event " + event.eventId() + " cannot be read as " + type.getName(),
                    unreadable);
        }
    }
}
