package org.exchange.query.binance;

import org.exchange.query.stream.MarketDirectory;
import org.exchange.query.stream.StreamConnection;
import org.exchange.query.stream.StreamHub;
import org.exchange.query.stream.StreamProperties;
import org.exchange.query.stream.Topic;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Binance's market streams (docs/api-guide.md, "Binance-compatible WebSocket streams"): raw streams at
 * {@code /ws} and {@code /ws/<anything>} ({@code /ws/<stream>[/<stream>…]} subscribes at once), combined
 * streams at {@code /stream?streams=<stream>/<stream>…}, wrapped as {@code {"stream":…,"data":…}}.
 * Requests {@code SUBSCRIBE}, {@code UNSUBSCRIBE}, {@code LIST_SUBSCRIPTIONS} and
 * {@code GET_PROPERTY}; refusals in Binance's shape {@code {"error":{"code":2,"msg":…},"id":…}}. A
 * request is all or nothing: one unknown stream refuses the whole {@code SUBSCRIBE}. The topics and
 * their updates are the native streams' ({@link StreamHub}); only the names and the encoding differ.
 */
@Component
class BinanceStreamHandler extends TextWebSocketHandler implements HandshakeInterceptor {

    static final String RAW_PATH = "/ws";
    static final String COMBINED_PATH = "/stream";
    /** Binance's request error codes (web-socket-streams.md, "Error Messages"). */
    static final int UNKNOWN_PROPERTY = 0;
    static final int INVALID_REQUEST = 2;
    static final int INVALID_JSON = 3;
    private static final String STREAMS = "binance.streams";
    private static final String COMBINED = "binance.combined";
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9]{1,36}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StreamHub hub;
    private final MarketDirectory markets;
    private final StreamProperties properties;
    private final BinanceStreamEncoder raw;
    private final BinanceStreamEncoder combined;
    private final Map<String, StreamConnection> connections = new ConcurrentHashMap<>();

    BinanceStreamHandler(StreamHub hub, MarketDirectory markets, StreamProperties properties, AssetPrecisions precisions) {
        this.hub = hub;
        this.markets = markets;
        this.properties = properties;
        this.raw = new BinanceStreamEncoder(precisions, false, Clock.systemUTC());
        this.combined = new BinanceStreamEncoder(precisions, true, Clock.systemUTC());
    }

    /**
     * Reads the streams named in the URL ({@code /ws/<stream>/…} or {@code /stream?streams=…}); a name
     * that is not a stream refuses the upgrade with 400, as Binance does. {@code /ws/<n>} without an
     * {@code @} (ccxt connects to {@code /ws/0} … {@code /ws/49}) subscribes to nothing.
     */
    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        String path = request.getURI().getPath();
        boolean isCombined = path.equals(COMBINED_PATH);
        List<String> names = new ArrayList<>();
        if (isCombined) {
            String streams = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("streams");
            if (streams != null && !streams.isEmpty()) {
                names.addAll(Arrays.asList(streams.split("/")));
            }
        } else if (path.startsWith(RAW_PATH + "/") && path.contains("@")) {
            names.addAll(Arrays.asList(path.substring(RAW_PATH.length() + 1).split("/")));
        }
        try {
            topics(names);
        } catch (BinanceStreamNames.Unknown | TooMany refused) {
            response.setStatusCode(HttpStatus.BAD_REQUEST);
            response.getHeaders().set("Content-Type", "application/json");
            try {
                response.getBody().write(error(null, INVALID_REQUEST, "Invalid request: " + refused.getMessage())
                        .getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException ignored) {
                // the status says enough
            }
            return false;
        }
        attributes.put(STREAMS, List.copyOf(names));
        attributes.put(COMBINED, isCombined);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        boolean isCombined = Boolean.TRUE.equals(session.getAttributes().get(COMBINED));
        StreamConnection connection = new StreamConnection(session, isCombined ? combined : raw,
                properties.maxQueuedMessages(), properties.maxQueuedChars());
        connections.put(session.getId(), connection);
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) session.getAttributes().getOrDefault(STREAMS, List.of());
        topics(names).forEach((name, topic) -> hub.subscribe(connection, topic, name));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        StreamConnection connection = connections.remove(session.getId());
        if (connection != null) {
            hub.disconnected(connection);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        StreamConnection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(message.getPayload());
        } catch (JacksonException malformed) {
            connection.send(error(null, INVALID_JSON, "Invalid JSON: " + malformed.getOriginalMessage()));
            return;
        }
        if (request == null || !request.isObject()) {
            connection.send(error(null, INVALID_JSON, "Invalid JSON: a request is an object"));
            return;
        }
        JsonNode id = request.get("id");
        if (id != null && !id.isNull() && !(id.isIntegralNumber() && id.canConvertToLong())
                && !(id.isString() && REQUEST_ID.matcher(id.stringValue()).matches())) {
            connection.send(error(null, INVALID_REQUEST,
                    "Invalid request: request ID must be an unsigned integer, an alphanumeric string of at most 36 characters, or null"));
            return;
        }
        JsonNode method = request.get("method");
        if (method == null || !method.isString()) {
            connection.send(error(id, INVALID_REQUEST, "Invalid request: missing field `method`"));
            return;
        }
        try {
            switch (method.stringValue()) {
                case "SUBSCRIBE" -> subscribe(connection, id, names(request.get("params")));
                case "UNSUBSCRIBE" -> unsubscribe(connection, id, names(request.get("params")));
                case "LIST_SUBSCRIPTIONS" -> connection.send(result(id, connection.channels().stream().sorted().toList()));
                case "GET_PROPERTY" -> property(connection, id, request.get("params"));
                case "SET_PROPERTY" -> throw new Refused(INVALID_REQUEST,
                        "Invalid request: properties cannot be changed here; connect to " + COMBINED_PATH
                                + "?streams=… for combined streams");
                default -> throw new Refused(INVALID_REQUEST, "Invalid request: unknown variant `" + method.stringValue()
                        + "`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`");
            }
        } catch (Refused refused) {
            connection.send(error(id, refused.code, refused.getMessage()));
        } catch (BinanceStreamNames.Unknown | TooMany refused) {
            connection.send(error(id, INVALID_REQUEST, "Invalid request: " + refused.getMessage()));
        }
    }

    private void subscribe(StreamConnection connection, JsonNode id, List<String> names) {
        Map<String, Topic> topics = topics(names);
        long added = topics.values().stream().filter(topic -> connection.channelOf(topic) == null).distinct().count();
        if (connection.channels().size() + added > properties.maxSubscriptions()) {
            throw new TooMany(properties.maxSubscriptions());
        }
        // the answer first: every update that follows it is one the client asked for
        connection.send(result(id, null));
        topics.forEach((name, topic) -> hub.subscribe(connection, topic, name));
    }

    private void unsubscribe(StreamConnection connection, JsonNode id, List<String> names) {
        for (String name : names) {
            connection.topicOf(name).ifPresent(topic -> hub.unsubscribe(connection, topic));
        }
        connection.send(result(id, null));
    }

    private static void property(StreamConnection connection, JsonNode id, JsonNode params) {
        if (params == null || !params.isArray() || params.size() != 1 || !params.get(0).isString()) {
            throw new Refused(INVALID_REQUEST, "Invalid request: property name must be a string");
        }
        if (!params.get(0).stringValue().equals("combined")) {
            throw new Refused(UNKNOWN_PROPERTY, "Unknown property");
        }
        connection.send(result(id, connection.encoder() instanceof BinanceStreamEncoder encoder && encoder.combined()));
    }

    /** The topics of the names, in order; all must be known and within the per-connection limit. */
    private Map<String, Topic> topics(List<String> names) {
        if (names.size() > properties.maxSubscriptions()) {
            throw new TooMany(properties.maxSubscriptions());
        }
        Map<String, Topic> topics = new LinkedHashMap<>();
        for (String name : names) {
            topics.put(name, BinanceStreamNames.topic(name, markets));
        }
        return topics;
    }

    private static List<String> names(JsonNode params) {
        if (params == null || !params.isArray() || params.isEmpty()) {
            throw new Refused(INVALID_REQUEST, "Invalid request: params must be a non-empty array of stream names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : params) {
            if (!name.isString()) {
                throw new Refused(INVALID_REQUEST, "Invalid request: stream names must be strings");
            }
            names.add(name.stringValue());
        }
        return names;
    }

    static String result(JsonNode id, Object result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", result);
        answer.put("id", id);
        return JSON.writeValueAsString(answer);
    }

    static String error(JsonNode id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("msg", message);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("id", id);
        return JSON.writeValueAsString(answer);
    }

    /** A request refused with one of Binance's stream request codes. */
    private static final class Refused extends RuntimeException {
        private final int code;

        Refused(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private static final class TooMany extends RuntimeException {
        TooMany(int limit) {
            super("too many streams: a connection may subscribe to at most " + limit);
        }
    }
}
