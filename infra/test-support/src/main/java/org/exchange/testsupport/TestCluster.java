package org.exchange.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A command cluster of a test's own (ADR 0009): its own JGroups cluster name and free loopback
 * ports, so that it never meets the cluster of a running {@code ./exchange up}.
 *
 * @param name         the JGroups cluster name
 * @param ports        one JGroups port per member
 * @param initialHosts every member, in the {@code host[port],…} form of {@code exchange.cluster.initial-hosts}
 */
public record TestCluster(String name, int[] ports, String initialHosts) {

    /** A cluster of {@code members} members, each with a free JGroups port on 127.0.0.1. */
    public static TestCluster of(int members) {
        int[] ports = new int[members];
        for (int i = 0; i < members; i++) {
            ports[i] = freePort();
        }
        String hosts = Arrays.stream(ports).mapToObj(port -> "127.0.0.1[" + port + "]").collect(Collectors.joining(","));
        return new TestCluster("it-" + UUID.randomUUID(), ports, hosts);
    }

    /**
     * The Spring properties that make a service member {@code index} of this cluster; load factor 0
     * sends commands but is never routed any (as the saga orchestrator).
     */
    public Map<String, String> memberProperties(int index, int loadFactor) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("axon.distributed.enabled", "true");
        properties.put("axon.distributed.load-factor", String.valueOf(loadFactor));
        properties.put("axon.distributed.jgroups.cluster-name", name);
        properties.put("axon.distributed.jgroups.bind-addr", "127.0.0.1");
        properties.put("axon.distributed.jgroups.bind-port", String.valueOf(ports[index]));
        properties.put("exchange.cluster.initial-hosts", initialHosts);
        return properties;
    }

    /** A TCP port free on this machine at the moment of asking. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
