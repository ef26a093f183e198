package org.exchange.platform.eventchain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * What an event's seal covers: every column of its {@code domain_event_entry} row as stored (the
 * timestamp as the instant the stored text denotes). The writer builds it from the entry it just
 * persisted, the verifier from the row it reads back.
 *
 * @param type            the aggregate type; {@code null} for an event without an aggregate
 * @param payloadRevision {@code null} when the payload has no revision
 * @param metaData        {@code null} when the row has none
 */
public record SealedEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                          String type, Instant timestamp, String payloadType, String payloadRevision, byte[] payload,
                          byte[] metaData) {

    /** The columns {@link #read(ResultSet)} needs, for a {@code select} from {@code domain_event_entry}. */
    public static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data";

    /** The row under the cursor, selected with {@link #COLUMNS}. */
    public static SealedEvent read(ResultSet row) throws SQLException {
        return new SealedEvent(row.getLong("global_index"), row.getString("event_identifier"),
                row.getString("aggregate_identifier"), row.getLong("sequence_number"), row.getString("type"),
                timestamp(row.getString("time_stamp")), row.getString("payload_type"),
                row.getString("payload_revision"), row.getBytes("payload"), row.getBytes("meta_data"));
    }

    /** Axon's stored form (ISO-8601, as its {@code DateTimeUtils} writes and reads it). */
    public static Instant timestamp(String stored) {
        return DateTimeFormatter.ISO_DATE_TIME.parse(stored, Instant::from);
    }
}
