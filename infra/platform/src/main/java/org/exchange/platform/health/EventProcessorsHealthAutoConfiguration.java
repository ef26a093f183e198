package org.exchange.platform.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Adds the event processors to {@code /actuator/health} in every service that runs Axon. */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.InfraConfiguration")
@ConditionalOnClass(EventProcessingConfiguration.class)
public class EventProcessorsHealthAutoConfiguration {

    @Bean
    EventProcessorsHealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        return new EventProcessorsHealthIndicator(processing);
    }
}
