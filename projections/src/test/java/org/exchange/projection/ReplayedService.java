package org.exchange.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A projections service for replay tests, on its own read-model database, event store and Kafka
 * topic, that can be restarted; and the events it projects, each stored in the event store at its
 * global index and published stamped with it, as the command side does (every 7th twice: a
 * redelivery).
 */
final class ReplayedService implements AutoCloseable {

    private static final RealComponents COMPONENTS = RealComponents.current();

    private final String topic = "it.replay." + UUID.randomUUID();
    private final String indexPrefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String readDb = ThrowawayDatabase.create(COMPONENTS, "replay_read");
    private final String storeDb = ThrowawayDatabase.create(COMPONENTS, "replay_store");
    private final JdbcTemplate store;
    private final Map<String, String> extraProperties;
    private ConfigurableApplicationContext service;
    private long position;
    private long records;

    ReplayedService(Map<String, String> extraProperties) {
        this.extraProperties = extraProperties;
        SingleConnectionDataSource storeConnection = new SingleConnectionDataSource(COMPONENTS.jdbcUrl(storeDb),
                COMPONENTS.dbUser(), COMPONENTS.dbPassword(), true);
        Flyway.configure().dataSource(storeConnection).locations("classpath:db/eventstore").load().migrate();
        this.store = new JdbcTemplate(storeConnection);
        start();
    }

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort());
    }

    <T> T bean(Class<T> type) {
        return service.getBean(type);
    }

    /** The live read-model database. */
    JdbcTemplate live() {
        return new JdbcTemplate(service.getBean(DataSource.class));
    }

    /** Records on the topic so far. */
    long records() {
        return records;
    }

    /** The highest global index taken: the events stored so far, unless one was skipped ({@link #skipPosition}). */
    long storedEvents() {
        return position;
    }

    /** Takes the next global index for an event that will be stored but never published. */
    long skipPosition() {
        return ++position;
    }

    void restart() {
        service.close();
        start();
    }

    /** Stores and publishes the events; waits until Kafka has them all. */
    void publish(List<DomainEventMessage<?>> events) throws Exception {
        Serializer serializer = service.getBean("eventSerializer", Serializer.class);
        List<Object[]> rows = new ArrayList<>();
        try (EventTopic onTopic = new EventTopic(COMPONENTS.kafkaBootstrap(), topic, serializer)) {
            for (DomainEventMessage<?> event : events) {
                rows.add(row(event, ++position, serializer));
                onTopic.send(event, position);
                records++;
                if (position % 7 == 0) {
                    onTopic.send(event, position);
                    records++;
                }
                if (rows.size() == 1_000) {
                    storeRows(rows);
                }
            }
            storeRows(rows);
        }
    }

    /** A row of the event store at a global index (the replay reads only the indexes). */
    void store(DomainEventMessage<?> event, long globalIndex) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(event, globalIndex, service.getBean("eventSerializer", Serializer.class)));
        storeRows(rows);
    }

    private static Object[] row(DomainEventMessage<?> event, long globalIndex, Serializer serializer) {
        return new Object[]{globalIndex, event.getIdentifier(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getType(), event.getTimestamp().toString(),
                event.getPayloadType().getName(), serializer.serialize(event.getPayload(), byte[].class).getData()};
    }

    private void storeRows(List<Object[]> rows) {
        store.batchUpdate("""
                insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,
                    sequence_number, type, time_stamp, payload_type, payload)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """, rows);
        rows.clear();
    }

    private void start() {
        Map<String, Object> properties = new HashMap<>(COMPONENTS.springProperties(readDb));
        properties.put("axon.kafka.default-topic", topic);
        properties.put("exchange.kafka.event-topic-partitions", "3");
        properties.put("exchange.opensearch.index-prefix", indexPrefix);
        properties.put("exchange.replay.event-store.url", COMPONENTS.jdbcUrl(storeDb));
        properties.put("exchange.replay.event-store.username", COMPONENTS.dbUser());
        properties.put("exchange.replay.event-store.password", COMPONENTS.dbPassword());
        properties.put("server.port", "0");
        properties.putAll(extraProperties);
        service = new SpringApplicationBuilder(ProjectionsApplication.class).run(ReadModels.arguments(properties));
    }

    @Override
    public void close() {
        service.close();
    }
}
