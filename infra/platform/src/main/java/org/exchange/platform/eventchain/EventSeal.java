package org.exchange.platform.eventchain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Seals events into per-aggregate hash chains (ADR 0019): an event's seal is HMAC-SHA256, under a
 * key the database does not hold, over the event's stored content and the seal of the aggregate's
 * previous event ({@link #GENESIS} before its first). Whoever can write SQL but lacks the key cannot
 * give an edited or inserted row a valid seal. The writer and the verifier use this one encoding.
 */
public final class EventSeal {

    /** The "previous seal" of an aggregate's first event. */
    public static final byte[] GENESIS = new byte[32];
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] DOMAIN = "exchange-event-seal-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    private EventSeal(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the event seal key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The key as {@code ./exchange} generates it: base64 of at least 32 random bytes. */
    public static EventSeal withKey(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("no event seal key configured");
        }
        return new EventSeal(Base64.getDecoder().decode(base64Key.strip()));
    }

    public byte[] seal(SealedEvent event, byte[] previousSeal) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(canonical(event));
            mac.update(previousSeal);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Each field length-prefixed (a missing one as -1), so no two different rows encode alike. */
    private static byte[] canonical(SealedEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + event.payload().length);
        out.writeBytes(DOMAIN);
        number(out, event.globalIndex());
        text(out, event.eventIdentifier());
        text(out, event.aggregateIdentifier());
        number(out, event.sequenceNumber());
        text(out, event.type());
        number(out, event.timestamp().getEpochSecond());
        number(out, event.timestamp().getNano());
        text(out, event.payloadType());
        text(out, event.payloadRevision());
        bytes(out, event.payload());
        bytes(out, event.metaData());
        return out.toByteArray();
    }

    private static void number(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static void text(ByteArrayOutputStream out, String value) {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, byte[] value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
            return;
        }
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array());
        out.writeBytes(value);
    }
}
