package org.exchange.platform.cluster;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.distributed.CommandBusConnector;
import org.axonframework.commandhandling.distributed.CommandRouter;
import org.axonframework.commandhandling.distributed.ConsistentHashChangeListener;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.extensions.jgroups.DistributedCommandBusProperties;
import org.axonframework.extensions.jgroups.autoconfig.JGroupsAutoConfiguration;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsConnector;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsConnectorFactoryBean;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Commands cross processes through Axon's {@link DistributedCommandBus} over JGroups (ADR 0009),
 * when {@code axon.distributed.enabled=true}. Replaces two pieces of the extension's
 * auto-configuration: the channel is built from {@code jgroups/exchange-tcp.xml} with Spring
 * properties (cluster name, bind address and port, {@code exchange.cluster.initial-hosts}), and the
 * bus hands a handler's refusal back to the caller as the original exception type and code. A node
 * joins with {@code axon.distributed.load-factor} (0: it sends commands but is never routed any).
 * Routing is consistent hashing of the target aggregate id. The bus never retries: callers put a
 * timeout on every send.
 */
@AutoConfiguration(before = JGroupsAutoConfiguration.class,
        afterName = "org.axonframework.extensions.jgroups.autoconfig.RoutingStrategyAutoConfiguration")
@ConditionalOnClass(JGroupsConnector.class)
@ConditionalOnProperty("axon.distributed.enabled")
@EnableConfigurationProperties(DistributedCommandBusProperties.class)
public class CommandClusterAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CommandClusterAutoConfiguration.class);
    static final String STACK = "jgroups/exchange-tcp.xml";
    /** Start-up waits this long to join; after that the node keeps trying in the background. */
    private static final long JOIN_TIMEOUT_MILLIS = 30_000;

    @Bean
    JGroupsConnectorFactoryBean commandClusterConnector(DistributedCommandBusProperties cluster, Environment environment,
            @Qualifier("messageSerializer") Serializer messageSerializer,
            @Qualifier("localSegment") CommandBus localSegment, RoutingStrategy routingStrategy,
            ObjectProvider<ConsistentHashChangeListener> routingListeners) {
        JGroupsConnectorFactoryBean connector = new JGroupsConnectorFactoryBean();
        connector.setChannelFactory(new SpringPropertiesChannelFactory(STACK, environment));
        connector.setClusterName(cluster.getJgroups().getClusterName());
        connector.setChannelName(environment.getProperty("spring.application.name", "node") + "@"
                + cluster.getJgroups().getBindAddr() + ":" + cluster.getJgroups().getBindPort());
        connector.setLocalSegment(localSegment);
        connector.setSerializer(messageSerializer);
        connector.setRoutingStrategy(routingStrategy);
        connector.setJoinTimeout(JOIN_TIMEOUT_MILLIS);
        connector.setConsistentHashChangeListener(routing -> {
            log.info("command routing over {} member(s) (load factor): {}", routing.getMembers().size(), routing.getMembers());
            routingListeners.forEach(listener -> listener.onConsistentHashChanged(routing));
        });
        localSegment.registerHandlerInterceptor(new RefusalDetailsInterceptor());
        return connector;
    }

    @Bean
    @Primary
    DistributedCommandBus distributedCommandBus(CommandRouter router, CommandBusConnector connector,
            DistributedCommandBusProperties cluster) {
        DistributedCommandBus bus = new RefusalRestoringCommandBus(DistributedCommandBus.builder()
                .commandRouter(router)
                .connector(connector));
        bus.updateLoadFactor(cluster.getLoadFactor());
        return bus;
    }
}
