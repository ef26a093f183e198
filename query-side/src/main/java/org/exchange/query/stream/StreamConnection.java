package org.exchange.query.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection: its subscriptions, who it is (if it authenticated), and a bounded outbox
 * drained by its own (virtual) writer thread. Whoever publishes only enqueues, never waits for a
 * client: a client that does not keep up fills its outbox and is disconnected
 * ({@value #SLOW_CONSUMER}), so a slow client costs at most its outbox.
 */
public final class StreamConnection {

    public static final String SLOW_CONSUMER = "SLOW_CONSUMER";
    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);

    private final WebSocketSession session;
    private final StreamEncoder encoder;
    private final BlockingQueue<String> outbox;
    private final long maxQueuedChars;
    private final AtomicLong queuedChars = new AtomicLong();
    /** Subscribed topics and the channel name each was subscribed with. */
    private final Map<Topic, String> subscriptions = new ConcurrentHashMap<>();
    private final Thread writer;
    private volatile Jwt identity;
    private volatile String keyOwner;
    private volatile boolean closed;

    public StreamConnection(WebSocketSession session, StreamEncoder encoder, int maxQueuedMessages, long maxQueuedChars) {
        this.session = session;
        this.encoder = encoder;
        this.outbox = new ArrayBlockingQueue<>(maxQueuedMessages);
        this.maxQueuedChars = maxQueuedChars;
        this.writer = Thread.ofVirtual().name("stream-writer-" + session.getId()).start(this::write);
    }

    public String id() {
        return session.getId();
    }

    public StreamEncoder encoder() {
        return encoder;
    }

    /**
     * The token's subject once the connection authenticated with a token, the key's owner once it
     * authenticated with an API key, else {@code null}.
     */
    public String account() {
        Jwt token = identity;
        return token != null ? token.getSubject() : keyOwner;
    }

    /**
     * Authenticated by a signed request with an API key: valid until {@link #signedOut()} (the key has
     * no expiry; whoever verified it checks for revocation).
     */
    public void authenticatedByKey(String account) {
        this.keyOwner = account;
    }

    public void signedOut() {
        this.keyOwner = null;
    }

    public Jwt identity() {
        return identity;
    }

    public void authenticated(Jwt token) {
        this.identity = token;
    }

    /** Whether its token is still valid: personal updates stop when it expires. */
    public boolean authenticatedAt(Instant now) {
        Jwt token = identity;
        if (token == null) {
            return keyOwner != null;
        }
        return token.getExpiresAt() == null || token.getExpiresAt().isAfter(now);
    }

    Map<Topic, String> subscriptions() {
        return subscriptions;
    }

    /** The channel names subscribed to, in no particular order. */
    public List<String> channels() {
        return List.copyOf(subscriptions.values());
    }

    /** The topic subscribed to under this channel name, if any. */
    public Optional<Topic> topicOf(String channel) {
        return subscriptions.entrySet().stream().filter(entry -> entry.getValue().equals(channel))
                .map(Map.Entry::getKey).findFirst();
    }

    public String channelOf(Topic topic) {
        return subscriptions.get(topic);
    }

    /**
     * Queues a message; never blocks.
     *
     * @return {@code false} when the connection is closed or was just closed for being too slow
     */
    public boolean send(String text) {
        if (closed) {
            return false;
        }
        if (queuedChars.addAndGet(text.length()) > maxQueuedChars || !outbox.offer(text)) {
            queuedChars.addAndGet(-text.length());
            log.info("closing stream connection {}: its client does not keep up ({} messages queued)", id(), outbox.size());
            close(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), SLOW_CONSUMER));
            return false;
        }
        return true;
    }

    /** Closes from any thread without waiting for the client. */
    public void close(CloseStatus status) {
        if (closed) {
            return;
        }
        closed = true;
        outbox.clear();
        writer.interrupt();
        Thread.ofVirtual().name("stream-close-" + id()).start(() -> {
            try {
                session.close(status);
            } catch (IOException | RuntimeException ignored) {
                // the transport is gone already
            }
        });
    }

    /** The transport closed: stop writing. */
    void closed() {
        closed = true;
        outbox.clear();
        writer.interrupt();
    }

    public boolean isClosed() {
        return closed;
    }

    private void write() {
        try {
            while (!closed) {
                String text = outbox.take();
                queuedChars.addAndGet(-text.length());
                session.sendMessage(new TextMessage(text));
            }
        } catch (InterruptedException stopping) {
            // closed
        } catch (IOException | RuntimeException failure) {
            if (!closed) {
                log.debug("stream connection {} failed to send: {}", id(), failure.toString());
                close(CloseStatus.SERVER_ERROR);
            }
        }
    }
}
