package org.exchange.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Asynchronous HTTP/1.1 clients for the gateway, each sending from a loopback address of its own
 * (127.77.x.y): the gateway passes the client's address on for the per-address rate limit (100
 * requests/s), so the benchmark's traders share addresses the way a few traders share an office
 * rather than all coming from one. Each client serves {@link #TRADERS_PER_ADDRESS} traders, whose
 * own limits (20 requests/s each) then add up to the address's.
 */
final class Gateway {

    static final int TRADERS_PER_ADDRESS = 5;
    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final List<HttpClient> clients = new ArrayList<>();

    Gateway(String baseUrl, int traders) {
        this.baseUrl = baseUrl;
        int addresses = (traders + TRADERS_PER_ADDRESS - 1) / TRADERS_PER_ADDRESS;
        for (int i = 0; i < addresses; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).localAddress(loopback(i)).build());
        }
    }

    static InetAddress loopback(int index) {
        try {
            return InetAddress.getByAddress(new byte[]{127, 77, (byte) (index / 250), (byte) (1 + index % 250)});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    HttpClient clientOf(int trader) {
        return clients.get(trader / TRADERS_PER_ADDRESS);
    }

    CompletableFuture<Answer> send(int trader, String method, String path, String token, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        return clientOf(trader).sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body()));
    }

    CompletableFuture<WebSocket> stream(int trader, String token, WebSocket.Listener listener) {
        return clientOf(trader).newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + "/api/v1/stream"), listener);
    }

    /** An HTTP answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                return JSON.missingNode();
            }
        }

        boolean ok() {
            return status == 200 || status == 201;
        }

        /** The problem's {@code code}, or {@code HTTP <status>} for an answer without one. */
        String code() {
            JsonNode code = json().path("code");
            return code.isTextual() ? code.asText() : "HTTP " + status;
        }
    }
}
