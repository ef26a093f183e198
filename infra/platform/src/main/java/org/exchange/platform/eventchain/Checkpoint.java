package org.exchange.platform.eventchain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;

/**
 * A signed checkpoint (ADR 0019): the heads of every aggregate that gained events at positions in
 * ({@code previous position}, {@code position}], chained to the previous checkpoint by its digest. The
 * signature (Ed25519) is over {@link #digest()}; a verifier needs only the public key. A checkpoint
 * makes deleting an aggregate's latest events, or a whole aggregate, visible: its head is gone.
 *
 * @param heads in any order; the digest sorts them by aggregate
 */
public record Checkpoint(long number, long position, byte[] previousDigest, List<CheckpointHead> heads) {

    /** The "previous digest" of checkpoint 1. */
    public static final byte[] FIRST = new byte[32];
    private static final byte[] DOMAIN = "exchange-event-checkpoint-v1".getBytes(StandardCharsets.US_ASCII);

    public byte[] digest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + heads.size() * 96);
        out.writeBytes(DOMAIN);
        number(out, number);
        number(out, position);
        out.writeBytes(previousDigest);
        number(out, heads.size());
        heads.stream().sorted(Comparator.comparing(CheckpointHead::aggregateIdentifier)).forEach(head -> {
            byte[] aggregate = head.aggregateIdentifier().getBytes(StandardCharsets.UTF_8);
            number(out, aggregate.length);
            out.writeBytes(aggregate);
            number(out, head.sequenceNumber());
            out.writeBytes(head.seal());
        });
        try {
            return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void number(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }
}
