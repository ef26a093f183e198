package org.exchange.query.position;

import org.exchange.query.live.EventTopicProperties;

import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Which event-store position a projection's read model reflects: every event at or below it is
 * applied. The projections record, per topic partition, the last record applied and the highest
 * position among those ({@code projection_progress}); the publisher sends events in position order,
 * so a partition's events up to its recorded position are all in. A partition whose last record is
 * applied holds nothing pending at all. Hence: the lowest position among partitions with records
 * still to apply, or the highest recorded position when none has.
 * <p>
 * The progress rows are read before the topic's end offsets: a record arriving in between makes its
 * partition count as pending, so the answer can be too low, never too high. Without Kafka the lowest
 * recorded position is still a true (if lower) bound, and that is answered instead; after a failed
 * attempt Kafka is left alone for {@value #RETRY_AFTER_MILLIS} ms, so that an outage costs reads no
 * time.
 */
@Component
public class ReadPositions {

    private static final Logger log = LoggerFactory.getLogger(ReadPositions.class);
    private static final long RETRY_AFTER_MILLIS = 5_000;

    private final JdbcClient jdbc;
    private final EventTopicProperties topic;
    private final Admin kafka;
    private volatile long kafkaUnavailableUntil;
    private volatile List<TopicPartition> partitions = List.of();

    ReadPositions(JdbcClient jdbc, EventTopicProperties topic) {
        this.jdbc = jdbc;
        this.topic = topic;
        this.kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topic.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1_500));
    }

    @PreDestroy
    void close() {
        kafka.close();
    }

    /** The position {@code processor}'s read model reflects; 0 before it applied anything. */
    public long reflected(String processor) {
        Map<Integer, Progress> applied = jdbc.sql("""
                        select partition, kafka_offset, coalesce(position, 0) as position
                          from projection_progress where processor = :processor
                        """)
                .param("processor", processor)
                .query((row, index) -> new Progress(row.getInt("partition"), row.getLong("kafka_offset"),
                        row.getLong("position")))
                .list().stream().collect(Collectors.toMap(Progress::partition, progress -> progress));
        long highest = applied.values().stream().mapToLong(Progress::position).max().orElse(0);
        Map<Integer, Long> ends = System.currentTimeMillis() < kafkaUnavailableUntil ? null : endOffsets();
        if (ends == null) {
            return applied.values().stream().mapToLong(Progress::position).min().orElse(0);
        }
        long reflected = highest;
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            Progress progress = applied.get(end.getKey());
            long next = progress == null ? 0 : progress.offset() + 1;
            if (next < end.getValue()) {
                reflected = Math.min(reflected, progress == null ? 0 : progress.position());
            }
        }
        return reflected;
    }

    /** @return {@code null} when Kafka does not answer in time */
    private Map<Integer, Long> endOffsets() {
        try {
            if (partitions.isEmpty()) {
                partitions = kafka.describeTopics(List.of(topic.topic())).allTopicNames().get(2, TimeUnit.SECONDS)
                        .get(topic.topic()).partitions().stream()
                        .map(partition -> new TopicPartition(topic.topic(), partition.partition())).toList();
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<Integer, Long> ends = new HashMap<>();
            kafka.listOffsets(latest).all().get(2, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
            return ends;
        } catch (Exception unavailable) {
            if (unavailable instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("event topic {} end offsets unavailable ({}); answering the lowest recorded positions for {} ms",
                    topic.topic(), unavailable.toString(), RETRY_AFTER_MILLIS);
            kafkaUnavailableUntil = System.currentTimeMillis() + RETRY_AFTER_MILLIS;
            partitions = List.of();
            return null;
        }
    }

    private record Progress(int partition, long offset, long position) {
    }
}
