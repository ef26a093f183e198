package org.exchange.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

/** A JSON client for a service or the gateway, as a trader's script would call it. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response post(String path, String token, String jsonBody) {
        return send("POST", path, token, jsonBody);
    }

    /** @param token a bearer token, or null for an anonymous call */
    public Response send(String method, String path, String token, String jsonBody) {
        return request(method, path, jsonBody, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    /** Any request, with the headers given. */
    public Response request(String method, String path, String jsonBody, Map<String, String> headers) {
        return request(method, path, jsonBody, "application/json", headers);
    }

    private Response request(String method, String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException failure) {
            throw new UncheckedIOException(method + " " + baseUrl + path, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * A request signed with an API key the way a Binance bot signs it: {@code timestamp} (now, unless
     * the query has one) appended to the query, then {@code signature}, the hex HMAC-SHA256 of the
     * query and the body under the secret.
     *
     * @param query the query string without {@code ?}, or empty
     */
    public Response signed(String method, String path, String query, String jsonBody, String apiKey, String secret) {
        String unsigned = query.contains("timestamp=") ? query
                : (query.isEmpty() ? "" : query + "&") + "timestamp=" + System.currentTimeMillis();
        String signature = signature(secret, unsigned + (jsonBody == null ? "" : jsonBody));
        return request(method, path + "?" + unsigned + "&signature=" + signature, jsonBody, Map.of("X-MBX-APIKEY", apiKey));
    }

    /**
     * A request signed the way ccxt signs a Binance POST: every parameter in an
     * {@code application/x-www-form-urlencoded} body, {@code timestamp} (now, unless the form has one)
     * appended, then {@code signature}, the hex HMAC-SHA256 of the body as sent before it.
     *
     * @param form the form's parameters, already percent-encoded, without {@code timestamp} unless fixed
     */
    public Response signedForm(String method, String path, String form, String apiKey, String secret) {
        String unsigned = form.contains("timestamp=") ? form
                : (form.isEmpty() ? "" : form + "&") + "timestamp=" + System.currentTimeMillis();
        String body = unsigned + "&signature=" + signature(secret, unsigned);
        return request(method, path, body, "application/x-www-form-urlencoded", Map.of("X-MBX-APIKEY", apiKey));
    }

    /** Hex HMAC-SHA256 of the payload's UTF-8 bytes under the secret. */
    public static String signature(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public record Response(int status, String contentType, String body, HttpHeaders headers) {

        /** @return the header's first value, or {@code null} */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON (" + status + "): " + body, notJson);
            }
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }
}
