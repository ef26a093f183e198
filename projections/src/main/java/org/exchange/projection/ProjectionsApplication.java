package org.exchange.projection;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
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
     * A processor without a token reads the topic from its start, as a plain token: its first token
     * is stored as an empty Kafka token before the processors start. Left to itself, Axon 4.13 starts
     * it with a ReplayToken up to the topic's current end, whose comparisons of Kafka tokens we do not
     * want to depend on. Registering a processor configuration with a tail token does not work here:
     * Axon's Spring Boot setup registers its own for every processor in application.yml.
     */
    @Bean
    InitializingBean readTheTopicFromItsStart(TokenStore tokens, EventProcessorProperties processors,
                                              PlatformTransactionManager transactions) {
        return () -> new TransactionTemplate(transactions).executeWithoutResult(status ->
                processors.getProcessors().keySet().forEach(name -> readFromTheStart(tokens, name)));
    }

    /** Gives a processor without a token an empty one (in a transaction); see {@link #readTheTopicFromItsStart}. */
    public static void readFromTheStart(TokenStore tokens, String processor) {
        if (tokens.fetchSegments(processor).length == 0) {
            tokens.initializeTokenSegments(processor, 1, KafkaTrackingToken.emptyToken());
        }
    }

    @Autowired
    void retryFailedEvents(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
