package org.exchange.query.stream;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who listens to which {@link Topic}, and delivery of updates to them. Publishing encodes an update
 * once per (encoder, channel name) and only enqueues to each connection: it never waits for a
 * client, so the event topic reader can publish from its own thread.
 */
@Component
public class StreamHub {

    private final Map<Topic, Set<StreamConnection>> subscribers = new ConcurrentHashMap<>();
    private final Clock clock;

    public StreamHub() {
        this(Clock.systemUTC());
    }

    StreamHub(Clock clock) {
        this.clock = clock;
    }

    private record Encoding(StreamEncoder encoder, String channel) {
    }

    public void subscribe(StreamConnection connection, Topic topic, String channel) {
        connection.subscriptions().put(topic, channel);
        subscribers.computeIfAbsent(topic, key -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** @return whether the connection was subscribed */
    public boolean unsubscribe(StreamConnection connection, Topic topic) {
        boolean was = connection.subscriptions().remove(topic) != null;
        subscribers.computeIfPresent(topic, (key, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        return was;
    }

    public void removeAll(StreamConnection connection) {
        for (Topic topic : Set.copyOf(connection.subscriptions().keySet())) {
            unsubscribe(connection, topic);
        }
    }

    /** The connection's transport closed: it leaves every topic and stops writing. */
    public void disconnected(StreamConnection connection) {
        removeAll(connection);
        connection.closed();
    }

    public boolean hasSubscribers(Topic topic) {
        Set<StreamConnection> connections = subscribers.get(topic);
        return connections != null && !connections.isEmpty();
    }

    /**
     * Sends an update to every connection subscribed to its topic. A personal topic reaches a
     * connection only while its token is valid: once it expired, the connection loses its personal
     * subscriptions and is told {@code UNAUTHENTICATED} (it may authenticate again and resubscribe).
     */
    public void publish(Topic topic, Object update) {
        Set<StreamConnection> connections = subscribers.get(topic);
        if (connections == null || connections.isEmpty()) {
            return;
        }
        Map<Encoding, String> encoded = new HashMap<>(4);
        for (StreamConnection connection : connections) {
            String channel = connection.channelOf(topic);
            if (channel == null || connection.isClosed()) {
                continue;
            }
            if (topic.kind().personal() && !connection.authenticatedAt(clock.instant())) {
                tokenExpired(connection);
                continue;
            }
            Encoding encoding = new Encoding(connection.encoder(), channel);
            String text = encoded.containsKey(encoding) ? encoded.get(encoding)
                    : encoding.encoder().encode(encoding.channel(), topic, update);
            encoded.put(encoding, text);
            if (text != null) {
                connection.send(text);
            }
        }
    }

    private void tokenExpired(StreamConnection connection) {
        boolean had = false;
        for (Topic subscribed : Set.copyOf(connection.subscriptions().keySet())) {
            if (subscribed.kind().personal()) {
                had |= unsubscribe(connection, subscribed);
            }
        }
        if (had) {
            connection.send(connection.encoder().error(null, "UNAUTHENTICATED",
                    "the token expired: authenticate again and subscribe again"));
        }
    }
}
