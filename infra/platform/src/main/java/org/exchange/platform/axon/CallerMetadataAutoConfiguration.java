package org.exchange.platform.axon;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Caller metadata on every command a REST API sends, carried on to what it causes
 * ({@link CallerMetadata}). In every service that runs Axon: the services that handle events and send
 * commands (the command side, the saga orchestrator) must copy the keys too.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(name = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
public class CallerMetadataAutoConfiguration {

    /**
     * Axon's own trace and correlation ids: Axon defines this provider only when no other exists, so
     * defining the caller's one below would otherwise drop it.
     */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider callerCorrelationDataProvider() {
        return CallerMetadata.correlationDataProvider();
    }

    @Bean
    SmartInitializingSingleton callerMetadataOnCommands(ObjectProvider<CommandGateway> gateways) {
        return () -> gateways.orderedStream()
                .filter(DefaultCommandGateway.class::isInstance)
                .map(DefaultCommandGateway.class::cast)
                .forEach(gateway -> gateway.registerDispatchInterceptor(CallerMetadata.dispatchInterceptor()));
    }
}
