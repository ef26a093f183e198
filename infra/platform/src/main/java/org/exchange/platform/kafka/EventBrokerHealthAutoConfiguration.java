package org.exchange.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@code eventBroker} health ({@link EventBrokerHealthIndicator}) in every service that talks to Kafka:
 * the command side and the projections through Axon ({@code axon.kafka.bootstrap-servers}), the query
 * side through its own reader ({@code exchange.events.bootstrap-servers}).
 */
@AutoConfiguration
@ConditionalOnClass({Admin.class, HealthIndicator.class})
public class EventBrokerHealthAutoConfiguration {

    private static final String SERVERS = "${axon.kafka.bootstrap-servers:${exchange.events.bootstrap-servers:}}";

    @Bean
    @ConditionalOnExpression("!'" + SERVERS + "'.isEmpty()")
    EventBrokerHealthIndicator eventBrokerHealthIndicator(@Value(SERVERS) String bootstrapServers) {
        return new EventBrokerHealthIndicator(bootstrapServers);
    }
}
