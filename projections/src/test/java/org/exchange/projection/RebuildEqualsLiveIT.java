package org.exchange.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild produces the same read models as live projection: a seeded trading session goes on a
 * real Kafka topic one event at a time (with redeliveries) while the projections follow it live;
 * then a second projections service with an empty database replays the whole topic in large
 * batches, and every read-model table of both is compared row by row.
 */
@SpringBootTest
class RebuildEqualsLiveIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String TOPIC = "it.rebuild." + UUID.randomUUID();
    private static final String INDEX_PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final String LIVE_DB = ThrowawayDatabase.create(COMPONENTS, "projections_live");

    @Autowired
    JdbcTemplate live;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> TOPIC);
        registry.add("exchange.kafka.event-topic-partitions", () -> "3");
        registry.add("exchange.opensearch.index-prefix", () -> INDEX_PREFIX);
        COMPONENTS.springProperties(LIVE_DB).forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void aRebuildFromTheTopicEqualsWhatWasProjectedLive() throws Exception {
        List<DomainEventMessage<?>> session = new TradingSession(new Random(42)).events(40);
        try (EventTopic topic = new EventTopic(COMPONENTS.kafkaBootstrap(), TOPIC, serializer)) {
            long position = 0;
            for (DomainEventMessage<?> event : session) {
                topic.publish(event, ++position);
                if (position % 7 == 0) {
                    topic.publish(event, position); // a redelivery
                }
            }
        }
        long records = session.size() + session.size() / 7;
        await().atMost(Duration.ofSeconds(60)).until(() -> ReadModels.everyProjectionCaughtUp(live, records));

        String rebuiltDb = ThrowawayDatabase.create(COMPONENTS, "projections_rebuilt");
        Map<String, Object> properties = new HashMap<>(COMPONENTS.springProperties(rebuiltDb));
        properties.put("axon.kafka.default-topic", TOPIC);
        properties.put("exchange.opensearch.index-prefix", INDEX_PREFIX + "rebuilt-");
        properties.put("server.port", "0");
        properties.put("axon.eventhandling.processors.orders.batch-size", "1000");
        String[] arguments = ReadModels.arguments(properties);
        try (ConfigurableApplicationContext rebuild = new SpringApplicationBuilder(ProjectionsApplication.class)
                .run(arguments)) {
            JdbcTemplate rebuilt = new JdbcTemplate(rebuild.getBean(javax.sql.DataSource.class));
            await().atMost(Duration.ofSeconds(60)).until(() -> ReadModels.everyProjectionCaughtUp(rebuilt, records));

            for (String table : ReadModels.TABLES) {
                List<Map<String, Object>> liveRows = ReadModels.rows(live, table);
                assertThat(liveRows).as(table).isNotEmpty();
                assertThat(ReadModels.rows(rebuilt, table)).as(table).isEqualTo(liveRows);
            }
        }
    }
}
