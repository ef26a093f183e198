package org.exchange.command.publishing;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The Kafka publisher must publish the whole event store when it starts without a token (a new
 * Kafka log, see infra/scripts/derived-state.sh). Axon 4.13 starts a token-less tracking processor
 * with a ReplayToken up to the current head, and the Kafka publisher skips replayed events: it
 * would silently publish only events appended after its start. A plain tail token instead.
 * <p>
 * Events go out in batches of up to {@code batch-size}, each acknowledged by Kafka as a whole
 * ({@link BatchAcknowledgedKafkaPublisher}): one acknowledged event at a time published ~150
 * events/s and left the read models minutes behind a 2,000-order run (docs/benchmarks.md).
 */
@Configuration(proxyBeanMethods = false)
class KafkaPublishingConfiguration {

    /** Replaces the extension's publisher (it backs off when this bean exists), on the same condition. */
    @Bean(destroyMethod = "shutDown")
    @ConditionalOnProperty(name = "axon.kafka.publisher.enabled", havingValue = "true", matchIfMissing = true)
    @SuppressWarnings({"unchecked", "rawtypes"})
    KafkaPublisher<?, ?> kafkaPublisher(ProducerFactory<?, ?> producers, KafkaMessageConverter<?, ?> converter,
                                        TopicResolver topics, @Qualifier("eventSerializer") Serializer serializer,
                                        @Value("${exchange.kafka.publisher.ack-timeout:PT30S}") Duration ackTimeout) {
        return new BatchAcknowledgedKafkaPublisher(KafkaPublisher.builder().serializer(serializer),
                (ProducerFactory) producers, (KafkaMessageConverter) converter, topics, ackTimeout);
    }

    @Autowired
    void publishFromTheFirstEvent(EventProcessingConfigurer processing,
                                  @Value("${axon.kafka.publisher.processing-group}") String publisherGroup,
                                  @Value("${exchange.kafka.publisher.batch-size:100}") int batchSize) {
        processing.registerTrackingEventProcessorConfiguration(publisherGroup, configuration ->
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }
}
