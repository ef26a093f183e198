package org.exchange.query.audit;

import org.exchange.platform.axon.CallerMetadata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event as auditors see it: where it is, what it is, its payload and metadata as JSON, and, taken
 * from the metadata, who caused it and its correlation.
 *
 * @param position      the event's place in the whole event store (global index); pages continue after it
 * @param type          the payload class's simple name
 * @param payloadType   the payload class's full name, as stored
 * @param revision      the payload's revision
 * @param timestamp     when the event was created (ISO-8601, UTC)
 * @param correlationId shared by everything one request (or one saga run) caused: Axon's {@code traceId}
 * @param causationId   the id of the message that caused this event: Axon's {@code correlationId}
 * @param caller        who caused it, for events caused by an API request (issue 8 onwards); otherwise
 *                      {@code null}
 */
record AuditEventView(long position, String eventId, String aggregateType, String aggregateId, long sequence,
                      String type, String payloadType, String revision, String timestamp, String correlationId,
                      String causationId, CallerView caller, JsonNode payload, JsonNode metadata) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @param apiKeyId the API key that signed the request, {@code null} for a token */
    record CallerView(String accountId, String username, String apiKeyId) {
    }

    static AuditEventView of(StoredEvent event) {
        JsonNode metadata = event.metadata() == null ? JSON.createObjectNode() : JSON.readTree(event.metadata());
        String account = text(metadata, CallerMetadata.ACCOUNT_ID);
        CallerView caller = account == null ? null : new CallerView(account, text(metadata, CallerMetadata.USERNAME),
                text(metadata, CallerMetadata.API_KEY_ID));
        return new AuditEventView(event.position(), event.eventId(), event.aggregateType(), event.aggregateId(),
                event.sequence(), event.eventType(), event.payloadType(), event.revision(), event.timestamp().toString(),
                text(metadata, CallerMetadata.TRACE_ID), text(metadata, CallerMetadata.CAUSATION_ID), caller,
                JSON.readTree(event.payload()), metadata);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
