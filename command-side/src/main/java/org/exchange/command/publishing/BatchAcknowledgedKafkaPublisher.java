package org.exchange.command.publishing;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.exchange.platform.kafka.EventStorePosition;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes events to Kafka and counts a batch as published only when Kafka acknowledged every
 * event of it. Axon's {@link KafkaPublisher} (extension 4.9) waits for each event's acknowledgement
 * before sending the next, which capped publishing at ~150 events/s here and left the read models
 * minutes behind the command side under load (docs/benchmarks.md). This one sends every event of the
 * tracking processor's batch at once and waits for all their acknowledgements when the batch's unit
 * of work prepares to commit, before the processor's token moves on. A failure rolls the batch back
 * and the processor delivers it again: events may reach Kafka twice (the read models are
 * idempotent), never not at all.
 * <p>
 * Each record carries its event's event-store position ({@link EventStorePosition}), so readers can
 * tell which position their state reflects.
 */
public final class BatchAcknowledgedKafkaPublisher<K, V> extends KafkaPublisher<K, V> {

    private static final String PENDING = BatchAcknowledgedKafkaPublisher.class.getName() + ".pending";

    private final ProducerFactory<K, V> producers;
    private final KafkaMessageConverter<K, V> converter;
    private final TopicResolver topics;
    private final Duration ackTimeout;

    public BatchAcknowledgedKafkaPublisher(Builder<K, V> builder, ProducerFactory<K, V> producers,
                                           KafkaMessageConverter<K, V> converter, TopicResolver topics,
                                           Duration ackTimeout) {
        super(builder.producerFactory(producers).messageConverter(converter).topicResolver(topics)
                .publisherAckTimeout(ackTimeout.toMillis()));
        if (producers.confirmationMode() != ConfirmationMode.WAIT_FOR_ACK) {
            throw new IllegalArgumentException("needs confirmation mode WAIT_FOR_ACK, not " + producers.confirmationMode());
        }
        this.producers = producers;
        this.converter = converter;
        this.topics = topics;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        Optional<String> topic = topics.resolve(event);
        if (topic.isEmpty()) {
            return;
        }
        // the factory shares one non-transactional producer; closing it is the factory's business
        Producer<K, V> producer = producers.createProducer();
        ProducerRecord<K, V> record = converter.createKafkaMessage(event, topic.get());
        if (event instanceof TrackedEventMessage<?> tracked) {
            tracked.trackingToken().position().ifPresent(position -> EventStorePosition.stamp(record, position));
        }
        Future<RecordMetadata> sent = producer.send(record);
        pendingOf(CurrentUnitOfWork.get().root()).add(sent);
    }

    private List<Future<RecordMetadata>> pendingOf(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> awaitAll(pending));
            return pending;
        });
    }

    private void awaitAll(List<Future<RecordMetadata>> pending) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Future<RecordMetadata> sent : pending) {
            try {
                sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new EventPublicationFailedException("interrupted while waiting for Kafka", interrupted);
            } catch (ExecutionException | TimeoutException failure) {
                throw new EventPublicationFailedException("Kafka did not acknowledge " + pending.size()
                        + " events within " + ackTimeout.toMillis() + " ms", failure);
            }
        }
    }
}
