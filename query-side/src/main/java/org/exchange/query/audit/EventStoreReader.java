package org.exchange.query.audit;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Axon's {@code domain_event_entry} for auditors, through the read-only {@code eventStoreDataSource}.
 * Every list is in position order. Lookups by subject, correlation and time use the indexes of
 * db/eventstore V8_1 (ADR 0020).
 */
@Component
class EventStoreReader {

    private static final String COLUMNS = """
            global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,
            payload_revision, payload, meta_data""";

    private static final SQLExceptionTranslator TRANSLATOR = new SQLStateSQLExceptionTranslator();

    private final DataSource store;
    private final int fetchSize;

    EventStoreReader(@Qualifier(AuditConfiguration.EVENT_STORE) DataSource store, AuditProperties properties) {
        this.store = store;
        this.fetchSize = properties.exportFetchSize();
    }

    /** Up to {@code limit} events matching {@code filter}. */
    List<StoredEvent> page(EventFilter filter, int limit) {
        EventFilter.Where where = filter.where();
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add(limit);
        return list("select " + COLUMNS + " from domain_event_entry where " + where.sql()
                + " order by global_index limit ?", parameters);
    }

    /**
     * Hands every event matching {@code filter} to {@code each}, read through a server-side cursor
     * {@code exportFetchSize} rows at a time: memory stays bounded whatever the selection's size.
     */
    void forEach(EventFilter filter, Consumer<StoredEvent> each) {
        EventFilter.Where where = filter.where();
        try (Connection connection = store.getConnection()) {
            // PostgreSQL's driver uses a cursor (fetch size) only inside a transaction
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS
                    + " from domain_event_entry where " + where.sql() + " order by global_index")) {
                statement.setFetchSize(fetchSize);
                bind(statement, where.parameters());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        each.accept(event(rows));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException failure) {
            throw TRANSLATOR.translate("export", null, failure);
        }
    }

    /** The events of one aggregate, in sequence order, up to a position and an instant when given. */
    List<StoredEvent> ofAggregate(String aggregateType, String aggregateId, Long toPosition, Instant at) {
        List<Object> parameters = new ArrayList<>(List.of(aggregateId, aggregateType));
        StringBuilder sql = new StringBuilder("select " + COLUMNS
                + " from domain_event_entry where aggregate_identifier = ? and type = ?");
        if (toPosition != null) {
            sql.append(" and global_index <= ?");
            parameters.add(toPosition);
        }
        if (at != null) {
            sql.append(" and audit_event_time(time_stamp) <= ?");
            parameters.add(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
        return list(sql.append(" order by sequence_number").toString(), parameters);
    }

    /** Whether the aggregate has any event at all. */
    boolean exists(String aggregateType, String aggregateId) {
        return !list("select " + COLUMNS + " from domain_event_entry where aggregate_identifier = ? and type = ? "
                + "order by sequence_number limit 1", List.of(aggregateId, aggregateType)).isEmpty();
    }

    /** Events naming any of {@code subjects} ({@code order:<id>}, {@code trade:<id>}, …; ADR 0020). */
    List<StoredEvent> naming(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return list("select " + COLUMNS + " from domain_event_entry where audit_event_subjects(payload) && ?::text[]"
                + " order by global_index", List.of((Object) subjects.toArray(String[]::new)));
    }

    /** Events of any of these correlations (Axon trace ids). */
    List<StoredEvent> correlated(Collection<String> correlationIds) {
        if (correlationIds.isEmpty()) {
            return List.of();
        }
        return list("select " + COLUMNS + " from domain_event_entry where audit_event_trace(meta_data) = any(?::text[])"
                + " order by global_index", List.of((Object) correlationIds.toArray(String[]::new)));
    }

    private List<StoredEvent> list(String sql, List<Object> parameters) {
        try (Connection connection = store.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(event(rows));
                }
            }
            return events;
        } catch (SQLException failure) {
            throw TRANSLATOR.translate("read events", sql, failure);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int index = 0; index < parameters.size(); index++) {
            Object value = parameters.get(index);
            if (value instanceof String[] array) {
                statement.setArray(index + 1, statement.getConnection().createArrayOf("text", array));
            } else {
                statement.setObject(index + 1, value);
            }
        }
    }

    private static StoredEvent event(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong("global_index"), rows.getString("event_identifier"), rows.getString("type"),
                rows.getString("aggregate_identifier"), rows.getLong("sequence_number"), rows.getString("payload_type"),
                rows.getString("payload_revision"), Instant.parse(rows.getString("time_stamp")),
                rows.getBytes("payload"), rows.getBytes("meta_data"));
    }
}
