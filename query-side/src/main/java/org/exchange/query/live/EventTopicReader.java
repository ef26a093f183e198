package org.exchange.query.live;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.HeaderUtils;
import org.axonframework.messaging.Headers;
import org.axonframework.serialization.json.JacksonSerializer;
import org.exchange.platform.axon.StoredMessageJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the whole event topic into the {@link LiveEventListener}s: from the beginning at start (the
 * topic keeps events forever), then live. No consumer group: every replica assigns itself all
 * partitions and builds the same state, so any number of replicas can serve streams and depth.
 * <p>
 * Records are filtered by their aggregate-type header and payloads deserialised only when a
 * listener wants them. One thread applies every record, so listeners need no locking among
 * themselves; they lock only against the threads that read their state.
 */
@Component
public class EventTopicReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventTopicReader.class);

    private final EventTopicProperties properties;
    private final List<LiveEventListener> listeners;
    private final DefaultKafkaMessageConverter converter = DefaultKafkaMessageConverter.builder()
            .serializer(JacksonSerializer.builder().objectMapper(StoredMessageJson.objectMapper()).build())
            .build();
    private final Progress progress = new Progress();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public EventTopicReader(EventTopicProperties properties, List<LiveEventListener> listeners) {
        this.properties = properties;
        this.listeners = List.copyOf(listeners);
    }

    /** Where the reader stands: caught up, and how far it has read. */
    public record Status(boolean caughtUp, long recordsRead, long offsetsBehind, Instant startedAt, Duration catchUp) {
    }

    public Status status() {
        return progress.status();
    }

    public boolean caughtUp() {
        return progress.caughtUp;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("event-topic-reader").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig())) {
            consumer = kafka;
            List<TopicPartition> partitions = partitions(kafka);
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
            progress.started(end);
            log.info("reading event topic {} ({} partitions, {} records to catch up with)", properties.topic(),
                    partitions.size(), progress.total);
            checkCaughtUp(kafka, end);
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(properties.pollTimeout());
                for (ConsumerRecord<String, byte[]> record : records) {
                    apply(record);
                }
                progress.read(records.count());
                if (!progress.caughtUp) {
                    checkCaughtUp(kafka, end);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer
        } catch (RuntimeException failure) {
            log.error("event topic reader stopped: streams and depth no longer follow the topic", failure);
        } finally {
            consumer = null;
            running = false;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        Duration backOff = Duration.ofMillis(500);
        while (running) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(properties.topic(), Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                }
                log.warn("event topic {} does not exist yet; looking again in {}", properties.topic(), backOff);
            } catch (org.apache.kafka.common.errors.TimeoutException unreachable) {
                log.warn("Kafka at {} did not answer; trying again in {}", properties.bootstrapServers(), backOff);
            }
            sleep(backOff);
            backOff = backOff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : backOff.multipliedBy(2);
        }
        return List.of();
    }

    private void checkCaughtUp(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> end) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            behind += Math.max(0, partition.getValue() - kafka.position(partition.getKey()));
        }
        progress.behind(behind);
        if (behind == 0) {
            progress.caughtUp();
            Runtime runtime = Runtime.getRuntime();
            log.info("caught up with event topic {}: {} records in {} ms, heap in use {} MB; following it live",
                    properties.topic(), progress.recordsRead, progress.catchUp().toMillis(),
                    (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
            listeners.forEach(LiveEventListener::caughtUp);
        } else if (progress.logDue(properties.progressInterval())) {
            log.info("catching up with event topic {}: {} records read, {} behind", properties.topic(),
                    progress.recordsRead, behind);
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String aggregateType = HeaderUtils.valueAsString(record.headers(), Headers.AGGREGATE_TYPE);
        if (aggregateType == null) {
            return;
        }
        String payloadType = HeaderUtils.valueAsString(record.headers(), Headers.MESSAGE_TYPE);
        Long sequence = HeaderUtils.valueAsLong(record.headers(), Headers.AGGREGATE_SEQ);
        String aggregateId = HeaderUtils.valueAsString(record.headers(), Headers.AGGREGATE_ID);
        Object payload = null;
        Instant timestamp = null;
        boolean decoded = false;
        boolean live = progress.caughtUp;
        for (LiveEventListener listener : listeners) {
            if (!listener.aggregateTypes().contains(aggregateType)) {
                continue;
            }
            try {
                if (!decoded && listener.wants(payloadType)) {
                    Optional<EventMessage<?>> message = converter.readKafkaMessage(record);
                    if (message.isPresent()) {
                        payload = message.get().getPayload();
                        timestamp = message.get().getTimestamp();
                    }
                    decoded = true;
                }
                boolean wanted = listener.wants(payloadType);
                listener.on(new LiveEvent(aggregateType, aggregateId, sequence == null ? -1 : sequence,
                        wanted ? timestamp : null, wanted ? payload : null), live);
            } catch (RuntimeException failure) {
                log.error("could not apply {} of {} {} (partition {}, offset {}); skipped", payloadType, aggregateType,
                        aggregateId, record.partition(), record.offset(), failure);
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-side-streams");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a topic auto-created by a reader would get the broker's defaults instead of ours
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return config;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Written by the reader thread, read by health checks. */
    private static final class Progress {
        private volatile boolean caughtUp;
        private volatile long recordsRead;
        private volatile long total;
        private volatile long behind = -1;
        private volatile Instant startedAt;
        private volatile Duration catchUp;
        private long lastLog = System.nanoTime();

        void started(Map<TopicPartition, Long> end) {
            startedAt = Instant.now();
            total = end.values().stream().mapToLong(Long::longValue).sum();
        }

        void read(int count) {
            recordsRead += count;
        }

        void behind(long offsets) {
            behind = offsets;
        }

        void caughtUp() {
            catchUp = Duration.between(startedAt, Instant.now());
            caughtUp = true;
        }

        Duration catchUp() {
            return catchUp;
        }

        boolean logDue(Duration interval) {
            long now = System.nanoTime();
            if (now - lastLog >= interval.toNanos()) {
                lastLog = now;
                return true;
            }
            return false;
        }

        Status status() {
            return new Status(caughtUp, recordsRead, behind, startedAt, catchUp);
        }
    }
}
