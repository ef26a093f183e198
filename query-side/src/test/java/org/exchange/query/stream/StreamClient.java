package org.exchange.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client of the streams: sends requests, keeps every message it receives, in order. */
public final class StreamClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    /** Received but skipped by {@link #next}: a later call may want them. */
    private final List<JsonNode> skipped = new ArrayList<>();
    private final WebSocket socket;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /** @param bearerToken sent on the upgrade request, or {@code null} */
    public StreamClient(String url, String bearerToken) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        this.socket = builder.buildAsync(URI.create(url), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        inbox.add(JSON.readTree(partial.toString()));
                    } catch (Exception malformed) {
                        throw new IllegalStateException(malformed);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        }).join();
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    void subscribe(String... channels) {
        send(request("subscribe", channels));
    }

    static String request(String op, String... channels) {
        return "{\"op\":\"" + op + "\",\"channels\":[\"" + String.join("\",\"", channels) + "\"]}";
    }

    /**
     * The first message not yet returned that matches, in the order received. Messages of different
     * aggregates may arrive in any order (they are on different partitions).
     */
    public JsonNode next(Predicate<JsonNode> wanted, Duration timeout) {
        for (JsonNode message : skipped) {
            if (wanted.test(message)) {
                skipped.remove(message);
                return message;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode message = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError("no matching message within " + timeout + "; seen " + seen);
                }
                seen.add(message);
                if (wanted.test(message)) {
                    return message;
                }
                skipped.add(message);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    JsonNode nextOp(String op) {
        return next(message -> op.equals(message.path("op").asText()), Duration.ofSeconds(10));
    }

    /** Every message received so far or within {@code wait}, in order. */
    public List<JsonNode> drain(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        inbox.drainTo(seen);
        return List.copyOf(seen);
    }

    static Predicate<JsonNode> onChannel(String channel) {
        return message -> channel.equals(message.path("channel").asText()) && message.has("data");
    }

    public boolean isOpen() {
        return !closed.isDone() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
