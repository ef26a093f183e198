package org.exchange.projection.progress;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.exchange.platform.kafka.EventStorePosition;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads records like Axon's converter and adds where each came from (partition, offset) and its
 * event-store position to the message's metadata, so the projections can record how far they got
 * ({@link ProjectionProgress}). The metadata lives only in this process; nothing is stored with it.
 */
final class PositionedKafkaMessageConverter implements KafkaMessageConverter<String, byte[]> {

    static final String PARTITION = "exchange.kafka.partition";
    static final String OFFSET = "exchange.kafka.offset";
    static final String POSITION = "exchange.position";

    private final KafkaMessageConverter<String, byte[]> delegate;

    PositionedKafkaMessageConverter(KafkaMessageConverter<String, byte[]> delegate) {
        this.delegate = delegate;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
        return delegate.createKafkaMessage(eventMessage, topic);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        return delegate.readKafkaMessage(record).map(message -> {
            Map<String, Object> whereFrom = new HashMap<>();
            whereFrom.put(PARTITION, record.partition());
            whereFrom.put(OFFSET, record.offset());
            OptionalLong position = EventStorePosition.of(record);
            position.ifPresent(value -> whereFrom.put(POSITION, value));
            return message.andMetaData(whereFrom);
        });
    }
}
