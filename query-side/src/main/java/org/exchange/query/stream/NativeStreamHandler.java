package org.exchange.query.stream;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.security.CallerAuthentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The native stream protocol at {@code /api/v1/stream} (docs/api-guide.md, "Live streams and depth").
 * Requests: {@code subscribe}, {@code unsubscribe}, {@code auth}, {@code ping}; every reply and push
 * goes through the connection's outbox, so a connection has exactly one writer.
 */
@Component
class NativeStreamHandler extends TextWebSocketHandler {

    private final StreamHub hub;
    private final NativeStreamEncoder encoder;
    private final MarketDirectory markets;
    private final StreamAuthenticator authenticator;
    private final StreamProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, StreamConnection> connections = new ConcurrentHashMap<>();

    NativeStreamHandler(StreamHub hub, NativeStreamEncoder encoder, MarketDirectory markets,
                        StreamAuthenticator authenticator, StreamProperties properties) {
        this.hub = hub;
        this.encoder = encoder;
        this.markets = markets;
        this.authenticator = authenticator;
        this.properties = properties;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        StreamConnection connection = new StreamConnection(session, encoder, properties.maxQueuedMessages(),
                properties.maxQueuedChars());
        // a bearer token on the upgrade request was validated by the resource server already
        if (session.getPrincipal() instanceof CallerAuthentication authentication
                && authentication.getCredentials() instanceof Jwt token) {
            connection.authenticated(token);
        }
        connections.put(session.getId(), connection);
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
            request = json.readTree(message.getPayload());
        } catch (JacksonException malformed) {
            connection.send(error(null, null, ErrorCode.MALFORMED_REQUEST, "a request is a JSON object"));
            return;
        }
        if (request == null || !request.isObject()) {
            connection.send(error(null, null, ErrorCode.MALFORMED_REQUEST, "a request is a JSON object"));
            return;
        }
        JsonNode id = request.get("id");
        String op = request.path("op").isString() ? request.path("op").stringValue() : "";
        switch (op) {
            case "subscribe" -> subscribe(connection, id, request.get("channels"));
            case "unsubscribe" -> unsubscribe(connection, id, request.get("channels"));
            case "auth" -> authenticate(connection, id, request.path("token"));
            case "ping" -> connection.send(encoder.reply(id, "pong", Map.of(), null));
            default -> connection.send(error(id, null, ErrorCode.VALIDATION_FAILED,
                    "op must be subscribe, unsubscribe, auth or ping"));
        }
    }

    private void subscribe(StreamConnection connection, JsonNode id, JsonNode requested) {
        List<String> channels = channels(connection, id, requested);
        if (channels == null) {
            return;
        }
        List<String> subscribed = new ArrayList<>();
        for (String channel : channels) {
            try {
                Topic topic = topic(connection, channel);
                if (connection.channelOf(topic) == null
                        && connection.subscriptions().size() >= properties.maxSubscriptions()) {
                    throw new ExchangeException(ErrorCode.LIMIT_TOO_LARGE,
                            "at most " + properties.maxSubscriptions() + " channels per connection");
                }
                hub.subscribe(connection, topic, channel);
                subscribed.add(channel);
            } catch (ExchangeException refused) {
                connection.send(error(id, channel, refused.code(), refused.getMessage()));
            }
        }
        connection.send(encoder.reply(id, "subscribed", Map.of("channels", subscribed), null));
    }

    private void unsubscribe(StreamConnection connection, JsonNode id, JsonNode requested) {
        List<String> channels = channels(connection, id, requested);
        if (channels == null) {
            return;
        }
        List<String> unsubscribed = new ArrayList<>();
        for (String channel : channels) {
            connection.subscriptions().entrySet().stream()
                    .filter(subscription -> subscription.getValue().equals(channel))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .ifPresent(topic -> {
                        hub.unsubscribe(connection, topic);
                        unsubscribed.add(channel);
                    });
        }
        connection.send(encoder.reply(id, "unsubscribed", Map.of("channels", unsubscribed), null));
    }

    private void authenticate(StreamConnection connection, JsonNode id, JsonNode token) {
        try {
            Jwt identity = authenticator.authenticate(token.isString() ? token.stringValue() : null);
            if (connection.account() != null && !connection.account().equals(identity.getSubject())) {
                // another user on the same connection: the previous one's updates stop here
                for (Topic topic : Set.copyOf(connection.subscriptions().keySet())) {
                    if (topic.kind().personal()) {
                        hub.unsubscribe(connection, topic);
                    }
                }
            }
            connection.authenticated(identity);
            String user = identity.getClaimAsString("preferred_username");
            connection.send(encoder.reply(id, "authenticated", Map.of("user", user == null ? identity.getSubject() : user,
                    "expiresAt", String.valueOf(identity.getExpiresAt())), null));
        } catch (ExchangeException refused) {
            connection.send(error(id, null, refused.code(), refused.getMessage()));
        }
    }

    private Topic topic(StreamConnection connection, String channel) {
        if (NativeChannels.personal(channel)) {
            if (!connection.authenticatedAt(Instant.now())) {
                throw new ExchangeException(ErrorCode.UNAUTHENTICATED,
                        channel + " needs a valid token: send {\"op\":\"auth\",\"token\":…} first");
            }
            if (!authenticator.mayReadOwnAccount(connection.identity())) {
                throw new ExchangeException(ErrorCode.FORBIDDEN, "your role does not allow " + channel);
            }
        }
        return NativeChannels.topic(channel, markets, connection.account());
    }

    private List<String> channels(StreamConnection connection, JsonNode id, JsonNode requested) {
        if (requested == null || !requested.isArray() || requested.isEmpty()) {
            connection.send(error(id, null, ErrorCode.VALIDATION_FAILED, "channels must be a non-empty array of names"));
            return null;
        }
        List<String> channels = new ArrayList<>();
        for (JsonNode channel : requested) {
            channels.add(channel.isString() ? channel.stringValue() : channel.toString());
        }
        return channels;
    }

    private String error(JsonNode id, String channel, ErrorCode code, String message) {
        return encoder.reply(id, "error", Map.of("code", code.name(), "message", message), channel);
    }
}
