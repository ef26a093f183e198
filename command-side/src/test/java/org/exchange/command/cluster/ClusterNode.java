package org.exchange.command.cluster;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.commandhandling.distributed.ConsistentHash;
import org.axonframework.commandhandling.distributed.ConsistentHashChangeListener;
import org.axonframework.commandhandling.distributed.ConsistentHash.ConsistentHashMember;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.exchange.command.CommandSideApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One command-side process of a test cluster: a full {@link CommandSideApplication} context on its
 * own HTTP and JGroups ports, which records the routing key of every command it handled.
 */
final class ClusterNode implements AutoCloseable {

    final String name;
    final ConfigurableApplicationContext context;
    final Set<String> handledKeys = ConcurrentHashMap.newKeySet();
    private final AtomicReference<ConsistentHash> routing;

    private ClusterNode(String name, ConfigurableApplicationContext context, AtomicReference<ConsistentHash> routing) {
        this.name = name;
        this.context = context;
        this.routing = routing;
        RoutingStrategy routingKeys = context.getBean(RoutingStrategy.class);
        localSegment().registerHandlerInterceptor((unitOfWork, chain) -> {
            handledKeys.add(routingKeys.getRoutingKey(unitOfWork.getMessage()));
            return chain.proceed();
        });
    }

    /** Starts a node; {@code properties} are Spring properties that win over application.yml. */
    static ClusterNode start(String name, Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        AtomicReference<ConsistentHash> routing = new AtomicReference<>();
        ConsistentHashChangeListener listener = routing::set;
        SpringApplication application = new SpringApplicationBuilder(CommandSideApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("testRoutingListener", listener))
                .build();
        return new ClusterNode(name, application.run(args.toArray(String[]::new)), routing);
    }

    CommandGateway gateway() {
        return context.getBean(CommandGateway.class);
    }

    CommandBus localSegment() {
        return context.getBean(DistributedCommandBus.class).localSegment();
    }

    /** Names of the members this node routes to (those with a load factor above 0). */
    Set<String> routesTo() {
        ConsistentHash current = routing.get();
        return current == null ? Set.of()
                : current.getMembers().stream().filter(member -> member instanceof ConsistentHashMember routed
                        && routed.segmentCount() > 0).map(member -> member.name()).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
