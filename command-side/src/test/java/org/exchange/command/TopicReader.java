package org.exchange.command;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.exchange.testsupport.RealComponents;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads what the command side published, as a fresh consumer group would. */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * A consumer subscribed to {@code topic} in a group of its own, from the first record; the caller
     * closes it. The topic is created by the first publication: the short metadata age notices it soon.
     */
    public static KafkaConsumer<String, byte[]> fromTheStart(RealComponents components, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, components.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
