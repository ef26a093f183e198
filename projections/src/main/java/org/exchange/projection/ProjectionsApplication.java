package org.exchange.projection;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Builds read models from the event stream on Kafka. Handlers are idempotent (upserts guarded by
 * the aggregate's sequence number, documents keyed by event id), so redelivery and replays are safe.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProjectionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionsApplication.class, args);
    }

    /**
     * This service reads events from Kafka, never from an event store of its own: a plain event bus
     * keeps Axon from creating event tables in the read-model database.
     */
    @Bean
    EventBus eventBus() {
        return SimpleEventBus.builder().build();
    }

    /**
     * A failing handler must stop its processor and retry (with back-off), not log and skip: a skipped
     * event would leave a read model silently wrong.
     */
    /**
     * A processor without a token reads the topic from its start, as a plain token. Left to itself,
     * Axon 4.13 starts it with a ReplayToken up to the topic's current end, and with Kafka tokens that
     * replay skipped whole partitions: a rebuild into an empty schema read 5 of 11 records and then
     * waited forever (docs/pitfalls.md). The batch size stays the one configured per processor.
     */
    @Autowired
    void readTheTopicFromItsStart(EventProcessingConfigurer processing, EventProcessorProperties processors) {
        processors.getProcessors().forEach((name, settings) ->
                processing.registerTrackingEventProcessorConfiguration(name, configuration ->
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(settings.getBatchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken)));
    }

    @Autowired
    void retryFailedEvents(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
