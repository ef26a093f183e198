package org.exchange.platform.access;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.security.Caller;
import org.springframework.dao.DataAccessException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Checks a request signed with an API key, whatever carries it (a signed REST request,
 * {@link SignedRequests}; a WebSocket API request): the {@code recvWindow}, the {@code timestamp}
 * within it, the key (active), the signature (hex HMAC-SHA256 under the key's secret of exactly the
 * signed text), the key's address allow-list and its permission. The checks run in that order, so
 * that a refusal names the first thing that was wrong, as Binance does.
 */
public final class ApiKeyVerifier {

    static final long DEFAULT_RECV_WINDOW_MILLIS = 5_000;
    /** A signed request's timestamp may run this far ahead of the server's clock (Binance: 1 s). */
    static final long ALLOWED_CLOCK_LEAD_MILLIS = 1_000;

    private final ApiKeys keys;
    private final Duration maxRecvWindow;
    private final Clock clock;

    ApiKeyVerifier(ApiKeys keys, Duration maxRecvWindow, Clock clock) {
        this.keys = keys;
        this.maxRecvWindow = maxRecvWindow;
        this.clock = clock;
    }

    /**
     * What a signed request says about itself.
     *
     * @param timestamp  epoch milliseconds of sending; {@code null} when missing or not a whole number
     * @param recvWindow {@code null} when sent but not a whole number; the default when not sent
     * @param signed     the exact text the signature covers (request bodies appended as bytes by the caller)
     * @param body       bytes signed after {@code signed} (a REST request's body), or empty
     * @param signature  the hex signature sent, or {@code null}
     */
    public record Signed(String apiKey, Long timestamp, Long recvWindow, String signed, byte[] body, String signature) {

        /** @param recvWindow as sent, {@code null} when not sent */
        public static Long recvWindow(String given) {
            if (given == null) {
                return DEFAULT_RECV_WINDOW_MILLIS;
            }
            return given.matches("\\d{1,15}") ? Long.valueOf(given) : null;
        }
    }

    /**
     * The caller a signed request acts as: the key's owner with the trader role.
     *
     * @throws ExchangeException VALIDATION_FAILED (recvWindow), TIMESTAMP_OUTSIDE_RECV_WINDOW,
     *                           INVALID_API_KEY, INVALID_SIGNATURE, IP_NOT_ALLOWED, API_KEY_NOT_PERMITTED,
     *                           or SERVICE_UNAVAILABLE when the keys cannot be read right now
     */
    public Caller verify(Signed request, InetAddress client, ApiKeys.Permission needed) {
        Long recvWindow = request.recvWindow();
        if (recvWindow == null || recvWindow <= 0 || recvWindow > maxRecvWindow.toMillis()) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED,
                    "recvWindow must be a whole number of milliseconds from 1 to " + maxRecvWindow.toMillis());
        }
        long now = clock.millis();
        Long timestamp = request.timestamp();
        if (timestamp == null || timestamp >= now + ALLOWED_CLOCK_LEAD_MILLIS || now - timestamp > recvWindow) {
            throw new ExchangeException(ErrorCode.TIMESTAMP_OUTSIDE_RECV_WINDOW, "timestamp must be the epoch milliseconds "
                    + "of sending, within recvWindow (" + recvWindow + " ms) of the server's time " + now);
        }
        ApiKeys.Verifiable key;
        try {
            key = keys.active(request.apiKey()).orElse(null);
        } catch (DataAccessException unreachable) {
            throw new ExchangeException(ErrorCode.SERVICE_UNAVAILABLE, "API keys cannot be checked right now; retry");
        }
        if (key == null) {
            throw new ExchangeException(ErrorCode.INVALID_API_KEY, "the API key is not valid");
        }
        if (request.signature() == null || !matches(key.secret(), request.signed(), request.body(), request.signature())) {
            throw new ExchangeException(ErrorCode.INVALID_SIGNATURE, "the signature does not match the request");
        }
        if (!allowed(key.key().ipAllowList(), client)) {
            throw new ExchangeException(ErrorCode.IP_NOT_ALLOWED, "this API key may not be used from your address");
        }
        if (!key.key().permissions().contains(needed)) {
            throw new ExchangeException(ErrorCode.API_KEY_NOT_PERMITTED, "this API key lacks the " + needed + " permission");
        }
        return new Caller(key.key().accountId(), key.key().username(), Set.of("trader"), key.key().keyId().toString());
    }

    /**
     * Whether the key is still active (not revoked), for whoever keeps acting on an earlier
     * verification, such as a stream.
     *
     * @throws DataAccessException when the keys cannot be read right now
     */
    public boolean active(String apiKey) {
        return keys.active(apiKey).isPresent();
    }

    static boolean matches(String secret, String signed, byte[] body, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(signed.getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body == null ? new byte[0] : body);
            byte[] given;
            try {
                given = HexFormat.of().parseHex(signature);
            } catch (IllegalArgumentException notHex) {
                return false;
            }
            return MessageDigest.isEqual(expected, given);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean allowed(List<String> allowList, InetAddress client) {
        if (allowList.isEmpty()) {
            return true;
        }
        return allowList.stream().map(AddressRange::parse).anyMatch(range -> range.contains(client));
    }
}
