package org.exchange.query.stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.exchange.platform.axon.StoredMessageJson;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test's own event topic on the real Kafka, written the way the command side's publisher writes
 * {@code exchange.events}: Axon's message format, keyed by aggregate id, 6 partitions.
 */
public final class EventTopic implements AutoCloseable {

    private static final int PARTITIONS = 6;

    private final String name;
    private final DefaultKafkaMessageConverter converter = DefaultKafkaMessageConverter.builder()
            .serializer(JacksonSerializer.builder().objectMapper(StoredMessageJson.objectMapper()).build())
            .build();
    private final KafkaProducer<String, byte[]> producer;

    public EventTopic(String bootstrapServers, String name) {
        this.name = name;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000))) {
            admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception failure) {
            throw new IllegalStateException("cannot create topic " + name, failure);
        }
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    public String name() {
        return name;
    }

    /**
     * The partition Kafka's default partitioner puts a record with this key on (murmur2 of the key's
     * UTF-8 bytes): records of one partition are read in the order they were written.
     */
    public static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** Publishes an event of an aggregate at a sequence number and timestamp, and waits for the broker. */
    public void publish(String aggregateType, String aggregateId, long sequence, Instant timestamp, Object payload) {
        try {
            producer.send(converter.createKafkaMessage(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence,
                    new GenericMessage<>(payload), timestamp), name)).get(10, TimeUnit.SECONDS);
        } catch (Exception failure) {
            throw new IllegalStateException("cannot publish to " + name, failure);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
