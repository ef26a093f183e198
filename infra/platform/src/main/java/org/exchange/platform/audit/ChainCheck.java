package org.exchange.platform.audit;

import org.exchange.platform.audit.Breach.Check;
import org.exchange.platform.eventchain.Checkpoint;
import org.exchange.platform.eventchain.CheckpointHead;
import org.exchange.platform.eventchain.CheckpointKeys;
import org.exchange.platform.eventchain.EventSeal;
import org.exchange.platform.eventchain.SealedEvent;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tamper evidence and sequence continuity (ADR 0019), fed the event store in position order:
 * <ul>
 *   <li>a row without a seal was <b>inserted</b> outside the command side;</li>
 *   <li>a row whose content does not give its seal (HMAC) was <b>edited</b> (or inserted with a forged seal);</li>
 *   <li>a seal without its row, a gap in an aggregate's sequence, or an aggregate head a signed checkpoint
 *       recorded and the store no longer has, was <b>deleted</b>;</li>
 *   <li>a checkpoint whose digest, chain or signature does not verify was forged or edited.</li>
 * </ul>
 * One tampered row is one breach: the chain continues from the stored seal, so later events of the
 * aggregate are not reported again.
 */
final class ChainCheck {

    private record Chain(long lastSequence, byte[] lastSeal) {
    }

    private record SignedHead(long checkpoint, CheckpointHead head) {
    }

    private record Gap(String aggregateId, long from, long to, EventRef next) {
    }

    private final EventSeal sealer;
    private final PublicKey checkpointKey;
    private final Consumer<Breach> breaches;
    private final Map<String, Chain> chains = new HashMap<>();
    private final Map<String, SignedHead> signedHeads = new HashMap<>();
    private final Set<String> confirmedHeads = new HashSet<>();
    private final List<Gap> gaps = new ArrayList<>();
    private final Set<String> orphaned = new HashSet<>();
    private long checkpoints;
    private long lastCheckpointPosition;
    private byte[] lastCheckpointDigest;

    ChainCheck(EventSeal sealer, PublicKey checkpointKey, Consumer<Breach> breaches) {
        this.sealer = sealer;
        this.checkpointKey = checkpointKey;
        this.breaches = breaches;
    }

    /** Verifies the checkpoints (in number order) and remembers the heads the valid ones signed. */
    void checkpoints(List<StoredCheckpoint> stored) {
        byte[] previousDigest = Checkpoint.FIRST;
        long expectedNumber = 1;
        for (StoredCheckpoint checkpoint : stored) {
            String which = "checkpoint " + checkpoint.number() + " (position " + checkpoint.position() + ")";
            if (checkpoint.number() != expectedNumber) {
                breach(Check.TAMPER_EVIDENCE, "CHECKPOINT_MISSING", (Long) null,
                        "checkpoints " + expectedNumber + ".." + (checkpoint.number() - 1) + " are missing before " + which);
            }
            byte[] digest = new Checkpoint(checkpoint.number(), checkpoint.position(), checkpoint.previousDigest(),
                    checkpoint.heads()).digest();
            boolean signed = Arrays.equals(digest, checkpoint.digest())
                    && CheckpointKeys.verifies(checkpointKey, digest, checkpoint.signature());
            if (!signed) {
                breach(Check.TAMPER_EVIDENCE, "CHECKPOINT_FORGED", checkpoint.position(),
                        which + " does not verify against the checkpoint public key (its heads, digest or signature"
                                + " were changed)");
            } else if (checkpoint.number() == expectedNumber && !Arrays.equals(previousDigest, checkpoint.previousDigest())) {
                breach(Check.TAMPER_EVIDENCE, "CHECKPOINT_CHAIN_BROKEN", checkpoint.position(),
                        which + " does not continue the previous checkpoint's digest");
            }
            if (signed) {
                checkpoint.heads().forEach(head ->
                        signedHeads.put(head.aggregateIdentifier(), new SignedHead(checkpoint.number(), head)));
                lastCheckpointPosition = checkpoint.position();
                lastCheckpointDigest = digest;
            }
            previousDigest = checkpoint.digest();
            expectedNumber = checkpoint.number() + 1;
            checkpoints++;
        }
    }

    /**
     * @param event   the row's content; {@code null} when it could not even be read as a row
     * @param stored  the row's seal; {@code null} when it has none
     */
    void event(EventRef ref, SealedEvent event, StoredSeal stored) {
        Chain chain = chains.get(ref.aggregateId());
        long expected = chain == null ? 0 : chain.lastSequence() + 1;
        if (ref.sequence() > expected) {
            breach(Check.SEQUENCE_CONTINUITY, "SEQUENCE_GAP", ref, "aggregate " + ref.aggregateId() + " has no events "
                    + expected + ".." + (ref.sequence() - 1) + " before this one");
            gaps.add(new Gap(ref.aggregateId(), expected, ref.sequence() - 1, ref));
        } else if (ref.sequence() < expected) {
            breach(Check.SEQUENCE_CONTINUITY, "SEQUENCE_OUT_OF_ORDER", ref, "aggregate " + ref.aggregateId()
                    + " already had sequence " + ref.sequence() + " at an earlier position");
        }
        if (stored == null) {
            breach(Check.TAMPER_EVIDENCE, "INSERTED", ref, "the row has no seal: it was not written by the command side");
            // the aggregate goes on from its last sealed event; the row is there, so no deletion either
            chains.put(ref.aggregateId(), new Chain(Math.max(ref.sequence(), expected - 1),
                    chain == null ? EventSeal.GENESIS : chain.lastSeal()));
            return;
        }
        if (event == null || !Arrays.equals(sealer.seal(event, stored.previousSeal()), stored.seal())) {
            breach(Check.TAMPER_EVIDENCE, "EDITED", ref, "the row's content does not match its seal (changed after it"
                    + " was written, or inserted with a forged seal)");
        } else if (ref.sequence() == expected) {
            byte[] previous = chain == null ? EventSeal.GENESIS : chain.lastSeal();
            if (!Arrays.equals(previous, stored.previousSeal())) {
                breach(Check.TAMPER_EVIDENCE, "CHAIN_BROKEN", ref, "the seal does not continue the seal of the"
                        + " aggregate's previous event");
            }
        }
        SignedHead signed = signedHeads.get(ref.aggregateId());
        if (signed != null && signed.head().sequenceNumber() == ref.sequence()) {
            if (Arrays.equals(signed.head().seal(), stored.seal())) {
                confirmedHeads.add(ref.aggregateId());
            } else {
                breach(Check.TAMPER_EVIDENCE, "EDITED", ref, "the seal differs from the one checkpoint "
                        + signed.checkpoint() + " signed for this event");
                confirmedHeads.add(ref.aggregateId());
            }
        }
        chains.put(ref.aggregateId(), new Chain(Math.max(ref.sequence(), expected - 1), stored.seal()));
    }

    /** A seal whose row is gone. */
    void orphanSeal(StoredSeal seal) {
        orphaned.add(key(seal.aggregateIdentifier(), seal.sequenceNumber()));
        breaches.accept(new Breach(Check.TAMPER_EVIDENCE, "DELETED", seal.position(), seal.aggregateIdentifier(),
                seal.sequenceNumber(), seal.eventIdentifier(), "the command side sealed this event; the row is gone"));
    }

    /** After every event and orphan seal: deletions that left no seal behind. */
    void finish() {
        for (Gap gap : gaps) {
            for (long sequence = gap.from(); sequence <= gap.to(); sequence++) {
                if (!orphaned.contains(key(gap.aggregateId(), sequence))) {
                    breaches.accept(new Breach(Check.TAMPER_EVIDENCE, "DELETED", null, gap.aggregateId(), sequence, null,
                            "the event and its seal are gone (the aggregate continues at position "
                                    + gap.next().position() + ")"));
                }
            }
        }
        signedHeads.forEach((aggregate, signed) -> {
            if (confirmedHeads.contains(aggregate)) {
                return;
            }
            Chain chain = chains.get(aggregate);
            long head = signed.head().sequenceNumber();
            long from = chain == null ? 0 : chain.lastSequence() + 1;
            for (long sequence = from; sequence <= head; sequence++) {
                if (!orphaned.contains(key(aggregate, sequence))) {
                    breaches.accept(new Breach(Check.TAMPER_EVIDENCE, "DELETED", null, aggregate, sequence, null,
                            "checkpoint " + signed.checkpoint() + " signed this aggregate up to sequence " + head
                                    + "; the event store " + (chain == null ? "has no events of it"
                                    : "ends at sequence " + chain.lastSequence())));
                }
            }
        });
    }

    long checkpointsVerified() {
        return checkpoints;
    }

    long lastCheckpointPosition() {
        return lastCheckpointPosition;
    }

    String lastCheckpointDigest() {
        return lastCheckpointDigest == null ? null : HexFormat.of().formatHex(lastCheckpointDigest);
    }

    private void breach(Check check, String kind, EventRef ref, String detail) {
        breaches.accept(ref == null ? new Breach(check, kind, null, null, null, null, detail)
                : Breach.at(check, kind, ref, detail));
    }

    private void breach(Check check, String kind, Long position, String detail) {
        breaches.accept(new Breach(check, kind, position, null, null, null, detail));
    }

    private static String key(String aggregate, long sequence) {
        return aggregate + '\u0000' + sequence;
    }
}
