package org.exchange.projection.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
    private final EventTopicEnds topic;
    private final Map<String, AtomicLong> lagByProcessor = new ConcurrentHashMap<>();
    private final ScheduledExecutorService measuring = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("projection-lag").unstarted(runnable));

    ProjectionLag(EventProcessingConfiguration processing, CommittedPositions positions, MeterRegistry meters,
                  EventTopicEnds topic) {
        this.processing = processing;
        this.positions = positions;
        this.meters = meters;
        this.topic = topic;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        measuring.scheduleWithFixedDelay(this::measure, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        measuring.shutdownNow();
    }

    private void measure() {
        try {
            Map<TopicPartition, Long> ends = topic.now();
            processing.eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor) {
                    gauge(name).set(EventTopicEnds.records(ends) - EventTopicEnds.applied(positions.of(name), ends));
                }
            });
        } catch (Exception unavailable) {
            log.debug("projection lag not measured: {}", unavailable.toString());
        }
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
