package org.exchange.loadgen;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket per trader on the gateway's {@code /api/v1/stream}, subscribed to the trader's
 * {@code orders} channel; every push goes to {@link Settlements}. Errors the server sends (an
 * expired token, a slow consumer) are counted, not fatal.
 */
final class OrderStreams {

    private final Gateway gateway;
    private final BenchTraders traders;
    private final Settlements settlements;
    private final List<WebSocket> sockets = new ArrayList<>();
    final AtomicInteger streamErrors = new AtomicInteger();
    private final AtomicInteger subscribed = new AtomicInteger();

    OrderStreams(Gateway gateway, BenchTraders traders, Settlements settlements) {
        this.gateway = gateway;
        this.traders = traders;
        this.settlements = settlements;
    }

    /** Connects and subscribes every trader; waits until every subscription is confirmed. */
    void open() throws Exception {
        List<CompletableFuture<WebSocket>> connecting = new ArrayList<>();
        for (int i = 0; i < traders.count(); i++) {
            connecting.add(gateway.stream(i, traders.token(i), new Listener()));
        }
        for (CompletableFuture<WebSocket> socket : connecting) {
            WebSocket open = socket.get(30, TimeUnit.SECONDS);
            sockets.add(open);
            open.sendText("{\"op\":\"subscribe\",\"channels\":[\"orders\"],\"id\":1}", true);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (subscribed.get() < sockets.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + subscribed.get() + " of " + sockets.size()
                        + " order streams confirmed their subscription");
            }
            Thread.sleep(20);
        }
    }

    /** After the traders signed in again: the streams authenticate with the new tokens and subscribe again. */
    void reauthenticate() {
        for (int i = 0; i < sockets.size(); i++) {
            sockets.get(i).sendText("{\"op\":\"auth\",\"token\":\"" + traders.token(i) + "\"}", true)
                    .thenCompose(ws -> ws.sendText("{\"op\":\"subscribe\",\"channels\":[\"orders\"],\"id\":2}", true));
        }
    }

    void close() {
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text, now);
            }
            socket.request(1);
            return null;
        }

        private void handle(String text, long now) {
            JsonNode message;
            try {
                message = Gateway.JSON.readTree(text);
            } catch (IOException notJson) {
                streamErrors.incrementAndGet();
                return;
            }
            String op = message.path("op").asText();
            if (op.equals("subscribed") && message.path("id").asInt() == 1) {
                subscribed.incrementAndGet();
            } else if (op.equals("error")) {
                streamErrors.incrementAndGet();
            } else if (message.path("channel").asText().equals("orders")) {
                JsonNode data = message.path("data");
                JsonNode filled = data.path("filledQuantity");
                settlements.streamed(data.path("orderId").asText(), data.path("event").asText(),
                        filled.isTextual() ? new BigDecimal(filled.asText()) : null, now);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (statusCode != WebSocket.NORMAL_CLOSURE) {
                streamErrors.incrementAndGet();
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            streamErrors.incrementAndGet();
        }
    }
}
