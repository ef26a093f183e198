package org.exchange.projection;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.exchange.platform.kafka.EventStorePosition;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Puts events on a real Kafka topic the way the command side's publisher does: Axon's message
 * format, keyed by aggregate id (so one aggregate's events stay in order on one partition).
 */
final class EventTopic implements AutoCloseable {

    private final String topic;
    private final DefaultKafkaMessageConverter converter;
    private final KafkaProducer<String, byte[]> producer;

    EventTopic(String bootstrapServers, String topic, Serializer serializer) {
        this.topic = topic;
        this.converter = DefaultKafkaMessageConverter.builder().serializer(serializer).build();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** An event of an aggregate at the given sequence number. */
    static DomainEventMessage<?> event(String aggregateType, String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload);
    }

    /** The same, happening at {@code at} (its timestamp decides, for example, which candle a trade is in). */
    static DomainEventMessage<?> event(String aggregateType, String aggregateId, long sequence, Object payload,
                                       Instant at) {
        return new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), at);
    }

    /** Sends and waits for the broker's acknowledgement; answers where the event landed. */
    RecordMetadata publish(DomainEventMessage<?> event) throws Exception {
        return producer.send(converter.createKafkaMessage(event, topic)).get();
    }

    /** Sends as the command side's publisher does: stamped with the event's event-store position. */
    void publish(DomainEventMessage<?> event, long position) throws Exception {
        producer.send(EventStorePosition.stamp(converter.createKafkaMessage(event, topic), position)).get();
    }

    /** Sends as {@link #publish(DomainEventMessage, long)} does, without waiting: {@link #close} waits for all. */
    void send(DomainEventMessage<?> event, long position) {
        producer.send(EventStorePosition.stamp(converter.createKafkaMessage(event, topic), position));
    }

    @Override
    public void close() {
        producer.close();
    }
}
