package org.exchange.command.publishing;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka publisher must publish the whole event store when it starts without a token (a new
 * Kafka log, see infra/scripts/derived-state.sh). Axon 4.13 starts a token-less tracking processor
 * with a ReplayToken up to the current head, and the Kafka publisher skips replayed events: it
 * would silently publish only events appended after its start. A plain tail token instead.
 */
@Configuration(proxyBeanMethods = false)
class KafkaPublishingConfiguration {

    @Autowired
    void publishFromTheFirstEvent(EventProcessingConfigurer processing,
                                  @Value("${axon.kafka.publisher.processing-group}") String publisherGroup) {
        processing.registerTrackingEventProcessorConfiguration(publisherGroup, configuration ->
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }
}
