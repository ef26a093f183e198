package org.exchange.query.binance;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.access.ApiKeyVerifier;
import org.exchange.platform.access.ApiKeys;
import org.exchange.platform.access.ClientAddress;
import org.exchange.platform.binance.BinanceError;
import org.exchange.platform.binance.BinanceRefusal;
import org.exchange.platform.security.Caller;
import org.exchange.query.stream.StreamConnection;
import org.exchange.query.stream.StreamHub;
import org.exchange.query.stream.StreamProperties;
import org.exchange.query.stream.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Binance's WebSocket API at {@code /ws-api/v3}, the part bots use to follow their account: requests
 * {@code {"id":…,"method":…,"params":{…}}} answered {@code {"id":…,"status":200,"result":…}} or
 * {@code {"id":…,"status":4xx,"error":{"code":…,"msg":…}}} (codes as on the REST API,
 * {@link BinanceError}). Methods: {@code ping}, {@code time}, {@code userDataStream.subscribe.signature},
 * {@code userDataStream.unsubscribe}, {@code session.subscriptions}.
 * <p>
 * A subscription is signed like a REST request, with the same keys and checks ({@link ApiKeyVerifier}):
 * the parameters but the signature, sorted by name, joined as {@code name=value&…} without
 * percent-encoding, signed with the key's secret; the key needs READ. It then carries the key owner's
 * order and balance events ({@link BinanceUserDataEncoder}). Keys are checked again every
 * {@code exchange.streams.api-key-check}: a revoked key's subscriptions end with
 * {@code eventStreamTerminated}.
 */
@Component
class BinanceWebSocketApiHandler extends TextWebSocketHandler implements HandshakeInterceptor, SmartLifecycle {

    static final String PATH = "/ws-api/v3";
    private static final Logger log = LoggerFactory.getLogger(BinanceWebSocketApiHandler.class);
    private static final String CLIENT_ADDRESS = "binance.clientAddress";
    private static final Set<String> SUBSCRIBE_PARAMETERS = Set.of("apiKey", "timestamp", "recvWindow", "signature");
    private static final List<Topic.Kind> USER_DATA = List.of(Topic.Kind.ORDERS, Topic.Kind.POSITIONS, Topic.Kind.BALANCES);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StreamHub hub;
    private final ApiKeyVerifier verifier;
    private final StreamProperties properties;
    private final BinanceUserDataEncoder encoder;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ApiSession> sessions = new ConcurrentHashMap<>();
    private ScheduledExecutorService keyChecks;

    BinanceWebSocketApiHandler(StreamHub hub, ApiKeyVerifier verifier, StreamProperties properties,
                               AssetPrecisions precisions) {
        this.hub = hub;
        this.verifier = verifier;
        this.properties = properties;
        this.encoder = new BinanceUserDataEncoder(precisions, clock);
    }

    /** One subscription: whose events, by which key. */
    private record Subscription(long id, String account, String apiKey) {
    }

    /** A connection and its subscriptions; a connection's requests are handled one at a time. */
    private static final class ApiSession {
        final StreamConnection connection;
        final InetAddress client;
        final Map<Long, Subscription> subscriptions = new TreeMap<>();
        long nextId;

        ApiSession(StreamConnection connection, InetAddress client) {
            this.connection = connection;
            this.client = client;
        }
    }

    /** Keeps the client's address (as the REST filters see it) for the keys' allow-lists. */
    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (request instanceof ServletServerHttpRequest servlet) {
            attributes.put(CLIENT_ADDRESS, ClientAddress.of(servlet.getServletRequest()));
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        StreamConnection connection = new StreamConnection(session, encoder, properties.maxQueuedMessages(),
                properties.maxQueuedChars());
        Object client = session.getAttributes().get(CLIENT_ADDRESS);
        sessions.put(session.getId(), new ApiSession(connection,
                client instanceof InetAddress address ? address : InetAddress.getLoopbackAddress()));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ApiSession closed = sessions.remove(session.getId());
        if (closed != null) {
            hub.disconnected(closed.connection);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ApiSession api = sessions.get(session.getId());
        if (api == null) {
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(message.getPayload());
        } catch (JacksonException malformed) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            api.connection.send(error(null, BinanceError.of(ErrorCode.MALFORMED_REQUEST,
                    "a request is a JSON object {\"id\":…,\"method\":…,\"params\":{…}}")));
            return;
        }
        JsonNode id = request.get("id");
        JsonNode method = request.get("method");
        JsonNode params = request.get("params");
        synchronized (api) {
            try {
                if (params != null && !params.isNull() && !params.isObject()) {
                    throw new BinanceRefusal(BinanceError.of(ErrorCode.MALFORMED_REQUEST, "params must be an object"));
                }
                String name = method != null && method.isString() ? method.stringValue() : "";
                if (name.equals("userDataStream.subscribe.signature")) {
                    Subscription subscription = subscribe(api, params);
                    api.connection.send(answer(id, 200, "result", Map.of("subscriptionId", subscription.id())));
                    // after the answer: every event that follows it belongs to the subscription
                    start(api, subscription);
                    return;
                }
                Object result = switch (name) {
                    case "ping" -> Map.of();
                    case "time" -> Map.of("serverTime", clock.millis());
                    case "userDataStream.unsubscribe" -> unsubscribe(api, params);
                    case "session.subscriptions" -> api.subscriptions.keySet().stream()
                            .map(subscription -> Map.of("subscriptionId", subscription)).toList();
                    default -> throw new BinanceRefusal(BinanceError.of(ErrorCode.NOT_FOUND, null));
                };
                api.connection.send(answer(id, 200, "result", result));
            } catch (BinanceRefusal refused) {
                api.connection.send(error(id, refused.error()));
            } catch (ExchangeException refused) {
                api.connection.send(error(id, BinanceError.of(refused.code(), refused.getMessage())));
            }
        }
    }

    /** A verified subscription; subscribing the same account again answers its existing one. */
    private Subscription subscribe(ApiSession api, JsonNode params) {
        Map<String, String> given = parameters(params);
        for (String name : given.keySet()) {
            if (!SUBSCRIBE_PARAMETERS.contains(name)) {
                throw new BinanceRefusal(BinanceError.unreadParameters(
                        (int) given.keySet().stream().filter(SUBSCRIBE_PARAMETERS::contains).count(), given.size()));
            }
        }
        for (String mandatory : List.of("apiKey", "timestamp", "signature")) {
            if (given.get(mandatory) == null || given.get(mandatory).isEmpty()) {
                throw new BinanceRefusal(BinanceError.mandatory(mandatory));
            }
        }
        StringBuilder signed = new StringBuilder();
        new TreeMap<>(given).forEach((name, value) -> {
            if (!name.equals("signature")) {
                signed.append(signed.isEmpty() ? "" : "&").append(name).append('=').append(value);
            }
        });
        String timestamp = given.get("timestamp");
        Caller caller = verifier.verify(new ApiKeyVerifier.Signed(given.get("apiKey"),
                        timestamp.matches("\\d{1,15}") ? Long.valueOf(timestamp) : null,
                        ApiKeyVerifier.Signed.recvWindow(given.get("recvWindow")), signed.toString(), new byte[0],
                        given.get("signature")),
                api.client, ApiKeys.Permission.READ);
        for (Subscription existing : api.subscriptions.values()) {
            if (existing.account().equals(caller.accountId())) {
                return existing;
            }
        }
        int most = Math.max(1, properties.maxSubscriptions() / USER_DATA.size());
        if (api.subscriptions.size() >= most) {
            throw new BinanceRefusal(BinanceError.of(ErrorCode.LIMIT_TOO_LARGE,
                    "at most " + most + " user data subscriptions per connection"));
        }
        Subscription subscription = new Subscription(api.nextId++, caller.accountId(), given.get("apiKey"));
        api.subscriptions.put(subscription.id(), subscription);
        return subscription;
    }

    private void start(ApiSession api, Subscription subscription) {
        api.connection.authenticatedByKey(subscription.account());
        for (Topic.Kind kind : USER_DATA) {
            hub.subscribe(api.connection, new Topic(kind, subscription.account(), null),
                    BinanceUserDataEncoder.channel(subscription.id(), kind));
        }
    }

    /** Ends one subscription ({@code subscriptionId}) or, without it, all of the connection's. */
    private Map<String, Object> unsubscribe(ApiSession api, JsonNode params) {
        Map<String, String> given = parameters(params);
        if (given.keySet().stream().anyMatch(name -> !name.equals("subscriptionId"))) {
            throw new BinanceRefusal(BinanceError.unreadParameters(given.containsKey("subscriptionId") ? 1 : 0, given.size()));
        }
        String id = given.get("subscriptionId");
        if (id == null) {
            new ArrayList<>(api.subscriptions.values()).forEach(subscription -> stop(api, subscription));
            return Map.of();
        }
        Subscription subscription = id.matches("\\d{1,15}") ? api.subscriptions.get(Long.valueOf(id)) : null;
        if (subscription == null) {
            throw new BinanceRefusal(BinanceError.invalidParameter("subscriptionId"));
        }
        stop(api, subscription);
        return Map.of();
    }

    private void stop(ApiSession api, Subscription subscription) {
        api.subscriptions.remove(subscription.id());
        for (Topic.Kind kind : USER_DATA) {
            hub.unsubscribe(api.connection, new Topic(kind, subscription.account(), null));
        }
        if (api.subscriptions.isEmpty()) {
            api.connection.signedOut();
        }
    }

    /** Every subscription whose key was revoked ends, with {@code eventStreamTerminated}. */
    void checkKeys() {
        Set<String> keys = new HashSet<>();
        for (ApiSession api : sessions.values()) {
            synchronized (api) {
                api.subscriptions.values().forEach(subscription -> keys.add(subscription.apiKey()));
            }
        }
        Set<String> revoked = new HashSet<>();
        for (String key : keys) {
            try {
                if (!verifier.active(key)) {
                    revoked.add(key);
                }
            } catch (DataAccessException unreachable) {
                log.warn("cannot check API keys of user data streams right now: {}", unreachable.toString());
                return;
            }
        }
        if (revoked.isEmpty()) {
            return;
        }
        for (ApiSession api : sessions.values()) {
            synchronized (api) {
                for (Subscription subscription : new ArrayList<>(api.subscriptions.values())) {
                    if (revoked.contains(subscription.apiKey())) {
                        stop(api, subscription);
                        api.connection.send(encoder.terminated(subscription.id()));
                    }
                }
            }
        }
    }

    /** The parameters as the text they are signed as: strings as they are, numbers as written. */
    private static Map<String, String> parameters(JsonNode params) {
        Map<String, String> given = new LinkedHashMap<>();
        if (params == null || params.isNull()) {
            return given;
        }
        for (Map.Entry<String, JsonNode> parameter : params.properties()) {
            JsonNode value = parameter.getValue();
            if (value.isContainer()) {
                throw new BinanceRefusal(BinanceError.invalidParameter(parameter.getKey()));
            }
            given.put(parameter.getKey(), value.isNull() ? null : value.isString() ? value.stringValue() : value.toString());
        }
        return given;
    }

    private static String error(JsonNode id, BinanceError error) {
        return answer(id, error.httpStatus(), "error", error.body());
    }

    private static String answer(JsonNode id, int status, String field, Object value) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("status", status);
        answer.put(field, value);
        return JSON.writeValueAsString(answer);
    }

    @Override
    public void start() {
        keyChecks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("user-data-key-checks").daemon().factory());
        long period = properties.apiKeyCheck().toMillis();
        keyChecks.scheduleWithFixedDelay(() -> {
            try {
                checkKeys();
            } catch (RuntimeException failure) {
                log.error("could not check the API keys of user data streams", failure);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        keyChecks.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return keyChecks != null && !keyChecks.isShutdown();
    }
}
