package org.exchange.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.exchange.platform.audit.Breach.Check;
import org.exchange.platform.axon.StoredMessageJson;
import org.exchange.platform.eventchain.CheckpointHead;
import org.exchange.platform.eventchain.EventSeal;
import org.exchange.platform.eventchain.SealedEvent;

import javax.sql.DataSource;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the whole event store (ADR 0019): reads it once, in position order, from one consistent
 * snapshot (a read-only repeatable-read transaction), checks the seals and signed checkpoints, the
 * sequence of every aggregate and the books, then compares the read models. The CLI
 * ({@code ./exchange audit verify}) and the auditor API both run this, inside the query side.
 */
public final class EventStoreVerifier {

    private static final int FETCH = 1000;
    private static final int PROGRESS_EVERY = 2000;

    private final DataSource eventStore;
    private final DataSource readModels;
    private final EventSeal seal;
    private final PublicKey checkpointKey;
    private final ObjectMapper json = StoredMessageJson.objectMapper();
    private final Map<String, Class<?>> payloadTypes = new HashMap<>();

    /** @param readModels the read database; {@code null} to skip the read-model comparison */
    public EventStoreVerifier(DataSource eventStore, DataSource readModels, EventSeal seal, PublicKey checkpointKey) {
        this.eventStore = eventStore;
        this.readModels = readModels;
        this.seal = seal;
        this.checkpointKey = checkpointKey;
    }

    public VerificationReport verify(VerificationProgress progress) {
        Instant started = Instant.now();
        List<Breach> breaches = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ChainCheck chain = new ChainCheck(seal, checkpointKey, breaches::add);
        Books books = new Books(breaches::add);
        long end;
        long events = 0;
        try (Connection connection = eventStore.getConnection()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long[] extent = extent(connection);
                end = extent[0];
                long total = extent[1];
                chain.checkpoints(checkpoints(connection, end));
                try (PreparedStatement statement = connection.prepareStatement("select " + prefixed("e")
                        + ", s.event_identifier as s_event, s.aggregate_identifier as s_aggregate,"
                        + " s.sequence_number as s_sequence, s.previous_seal, s.seal"
                        + " from domain_event_entry e left join event_seal s on s.global_index = e.global_index"
                        + " where e.global_index <= ? order by e.global_index")) {
                    statement.setFetchSize(FETCH);
                    statement.setLong(1, end);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            events++;
                            event(rows, chain, books, breaches);
                            if (events % PROGRESS_EVERY == 0) {
                                progress.progress(rows.getLong("global_index"), end, events, total);
                            }
                        }
                    }
                }
                orphanSeals(connection, end, chain);
                progress.progress(end, end, events, total);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store: " + e.getMessage(), e);
        }
        chain.finish();
        books.finish(notes);
        if (readModels == null) {
            notes.add("read models: not compared (no read database given)");
        } else {
            try {
                new ReadModelCheck(readModels, breaches::add).compare(books, notes);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the read models: " + e.getMessage(), e);
            }
        }
        if (chain.lastCheckpointPosition() < end) {
            notes.add("events after position " + chain.lastCheckpointPosition() + " are sealed but not yet under a signed"
                    + " checkpoint: deleting the newest of them would not be detected yet");
        }
        return new VerificationReport(end, events, chain.checkpointsVerified(), chain.lastCheckpointPosition(),
                chain.lastCheckpointDigest(), List.copyOf(notes), List.copyOf(breaches),
                Duration.between(started, Instant.now()));
    }

    private void event(ResultSet row, ChainCheck chain, Books books, List<Breach> breaches) throws SQLException {
        long position = row.getLong("global_index");
        String aggregate = row.getString("aggregate_identifier");
        long sequence = row.getLong("sequence_number");
        String eventId = row.getString("event_identifier");
        SealedEvent event = null;
        Instant timestamp = Instant.EPOCH;
        try {
            event = SealedEvent.read(row);
            timestamp = event.timestamp();
        } catch (RuntimeException unreadable) {
            // an edited timestamp that is no longer one: the seal check names the row
        }
        EventRef ref = new EventRef(position, aggregate, sequence, eventId, timestamp);
        byte[] storedSeal = row.getBytes("seal");
        StoredSeal stored = storedSeal == null ? null : new StoredSeal(position, row.getString("s_event"),
                row.getString("s_aggregate"), row.getLong("s_sequence"), row.getBytes("previous_seal"), storedSeal);
        chain.event(ref, event, stored);
        if (event == null) {
            return;
        }
        Object payload;
        try {
            payload = json.readValue(event.payload(), payloadType(event.payloadType()));
        } catch (Exception e) {
            breaches.add(Breach.at(Check.READABILITY, "UNREADABLE", ref, "payload of type " + event.payloadType()
                    + " cannot be read: " + e.getMessage()));
            return;
        }
        try {
            books.apply(ref, payload);
        } catch (RuntimeException e) {
            // e.g. a field an edited row lost: named here, and the verification goes on
            breaches.add(Breach.at(Check.READABILITY, "UNREPLAYABLE", ref, event.payloadType()
                    + " cannot be replayed: " + e));
        }
    }

    private Class<?> payloadType(String name) throws ClassNotFoundException {
        Class<?> type = payloadTypes.get(name);
        if (type == null) {
            if (!name.startsWith("org.exchange.api.")) {
                throw new ClassNotFoundException(name + " is not one of the exchange's events");
            }
            type = Class.forName(name);
            payloadTypes.put(name, type);
        }
        return type;
    }

    /** The highest position and the number of events, in this snapshot. */
    private static long[] extent(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select coalesce(max(global_index), 0), count(*) from domain_event_entry");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return new long[]{row.getLong(1), row.getLong(2)};
        }
    }

    private static List<StoredCheckpoint> checkpoints(Connection connection, long end) throws SQLException {
        Map<Long, List<CheckpointHead>> heads = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select h.checkpoint, h.aggregate_identifier, h.sequence_number, h.seal from event_checkpoint_head h
                  join event_checkpoint c on c.number = h.checkpoint where c.position <= ?""")) {
            statement.setLong(1, end);
            statement.setFetchSize(FETCH);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    heads.computeIfAbsent(rows.getLong(1), n -> new ArrayList<>())
                            .add(new CheckpointHead(rows.getString(2), rows.getLong(3), rows.getBytes(4)));
                }
            }
        }
        List<StoredCheckpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select number, position, previous_digest, digest, signature from event_checkpoint
                 where position <= ? order by number""")) {
            statement.setLong(1, end);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    checkpoints.add(new StoredCheckpoint(rows.getLong(1), rows.getLong(2), rows.getBytes(3),
                            rows.getBytes(4), rows.getBytes(5), heads.getOrDefault(rows.getLong(1), List.of())));
                }
            }
        }
        return checkpoints;
    }

    private static void orphanSeals(Connection connection, long end, ChainCheck chain) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select s.global_index, s.event_identifier, s.aggregate_identifier, s.sequence_number, s.previous_seal, s.seal
                  from event_seal s left join domain_event_entry e on e.global_index = s.global_index
                 where e.global_index is null and s.global_index <= ? order by s.global_index""")) {
            statement.setLong(1, end);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    chain.orphanSeal(new StoredSeal(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getLong(4), rows.getBytes(5), rows.getBytes(6)));
                }
            }
        }
    }

    private static String prefixed(String alias) {
        return String.join(", ", java.util.Arrays.stream(SealedEvent.COLUMNS.split(", "))
                .map(column -> alias + "." + column).toList());
    }
}
