package org.exchange.query.audit;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.exchange.platform.axon.StoredMessageJson;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A test's own event store in its throwaway database: the platform's event-store migrations (with the
 * audit indexes), written by Axon's real storage engine with the stored JSON format, as the command
 * side writes it.
 */
final class EventStoreWriter {

    private final JdbcEventStorageEngine engine;
    private final Map<String, Long> sequences = new HashMap<>();

    EventStoreWriter(DataSource database) {
        Flyway.configure().dataSource(database).locations("classpath:db/eventstore")
                .table("event_store_schema_history").load().migrate();
        // the command side's JPA mapping draws the global index from this sequence (orm.xml); Axon's
        // JDBC engine leaves the column to the database
        JdbcClient.create(database).sql("alter table domain_event_entry alter column global_index "
                + "set default nextval('domain_event_entry_seq')").update();
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(StoredMessageJson.objectMapper()).build();
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(database))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .dataType(byte[].class)
                .schema(EventSchema.builder()
                        .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                        .globalIndexColumn("global_index").eventIdentifierColumn("event_identifier")
                        .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
                        .typeColumn("type").timestampColumn("time_stamp").payloadTypeColumn("payload_type")
                        .payloadRevisionColumn("payload_revision").payloadColumn("payload").metaDataColumn("meta_data")
                        .build())
                .build();
    }

    /** Appends the aggregate's next event, created at {@code at}, with the given metadata. */
    void append(String aggregateType, String aggregateId, Instant at, Map<String, ?> metadata, Object payload) {
        long sequence = sequences.merge(aggregateType + "/" + aggregateId, 0L, (last, ignored) -> last + 1);
        engine.appendEvents(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence,
                new GenericMessage<>(payload, MetaData.from(metadata)), at));
    }
}
