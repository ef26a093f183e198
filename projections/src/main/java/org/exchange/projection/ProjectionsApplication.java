package org.exchange.projection;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventBus;
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
    @Autowired
    void retryFailedEvents(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
