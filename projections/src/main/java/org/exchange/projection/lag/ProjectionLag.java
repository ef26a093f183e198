package org.exchange.projection.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * How many events on the event topic each projection has not applied yet, as the gauge
 * {@code exchange_projection_lag_events{processor=…}}: the topic's end offsets minus the positions
 * in the processor's committed tokens, summed over partitions. Tokens are read from
 * {@code token_entry} (not the in-memory status, and without claiming them), so a stopped processor
 * shows its lag growing. Measured every two seconds off the event path.
 */
@Component
class ProjectionLag {

    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);
    private static final long PERIOD_MILLIS = 2_000;

    private final EventProcessingConfiguration processing;
    private final CommittedPositions positions;
    private final MeterRegistry meters;
    private final String topic;
    private final Admin kafka;
    private final Map<String, AtomicLong> lagByProcessor = new ConcurrentHashMap<>();
    private final ScheduledExecutorService measuring = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("projection-lag").unstarted(runnable));

    ProjectionLag(EventProcessingConfiguration processing, CommittedPositions positions, MeterRegistry meters,
                  @Value("${axon.kafka.bootstrap-servers}") String bootstrapServers,
                  @Value("${axon.kafka.default-topic}") String topic) {
        this.processing = processing;
        this.positions = positions;
        this.meters = meters;
        this.topic = topic;
        this.kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        measuring.scheduleWithFixedDelay(this::measure, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        measuring.shutdownNow();
        kafka.close();
    }

    private void measure() {
        try {
            Map<TopicPartition, Long> ends = endOffsets();
            processing.eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor) {
                    gauge(name).set(lag(positions.of(name), ends));
                }
            });
        } catch (Exception unavailable) {
            log.debug("projection lag not measured: {}", unavailable.toString());
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = kafka.describeTopics(java.util.List.of(topic)).allTopicNames()
                .get(5, TimeUnit.SECONDS).get(topic).partitions().stream()
                .collect(Collectors.toMap(partition -> new TopicPartition(topic, partition.partition()),
                        partition -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry :
                kafka.listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet()) {
            ends.put(entry.getKey(), entry.getValue().offset());
        }
        return ends;
    }

    /** A partition missing from the token has not been read at all. */
    private static long lag(Map<TopicPartition, Long> applied, Map<TopicPartition, Long> ends) {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long next = applied.containsKey(end.getKey()) ? applied.get(end.getKey()) + 1 : 0;
            lag += Math.max(0, end.getValue() - next);
        }
        return lag;
    }

    private AtomicLong gauge(String processor) {
        return lagByProcessor.computeIfAbsent(processor, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("exchange.projection.lag.events", value, AtomicLong::get)
                    .description("events on the event topic not yet applied by this projection")
                    .tag("processor", name)
                    .register(meters);
            return value;
        });
    }
}
