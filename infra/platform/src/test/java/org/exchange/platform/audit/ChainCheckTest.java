package org.exchange.platform.audit;

import org.exchange.platform.eventchain.Checkpoint;
import org.exchange.platform.eventchain.CheckpointHead;
import org.exchange.platform.eventchain.CheckpointKeys;
import org.exchange.platform.eventchain.EventSeal;
import org.exchange.platform.eventchain.SealedEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Tamper evidence on crafted, correctly sealed histories that are then edited, cut or added to. */
class ChainCheckTest {

    private static final EventSeal SEAL = EventSeal.withKey("a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=");
    private static final EventSeal OTHER_KEY = EventSeal.withKey("b3Rob3Rob3Rob3Rob3Rob3Rob3Rob3Rob3Rob3Rob3Q=");
    private static final KeyPair SIGNER = ed25519();

    /** A history as the command side writes it: rows and their seals, per position. */
    private static final class History {
        final List<SealedEvent> rows = new ArrayList<>();
        final Map<Long, StoredSeal> seals = new HashMap<>();
        final Map<String, byte[]> latest = new HashMap<>();
        final Map<String, Long> sequences = new HashMap<>();
        final List<StoredCheckpoint> checkpoints = new ArrayList<>();

        History append(String aggregate) {
            long position = rows.size() + 1;
            long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
            SealedEvent row = row(position, aggregate, sequence, "{\"n\":" + position + "}");
            byte[] previous = latest.getOrDefault(aggregate, EventSeal.GENESIS);
            byte[] sealed = SEAL.seal(row, previous);
            latest.put(aggregate, sealed);
            rows.add(row);
            seals.put(position, new StoredSeal(position, row.eventIdentifier(), aggregate, sequence, previous, sealed));
            return this;
        }

        /** A signed checkpoint over everything so far. */
        History checkpoint() {
            long number = checkpoints.size() + 1;
            byte[] previous = checkpoints.isEmpty() ? Checkpoint.FIRST : checkpoints.getLast().digest();
            long from = checkpoints.isEmpty() ? 0 : checkpoints.getLast().position();
            Map<String, CheckpointHead> heads = new HashMap<>();
            seals.values().stream().filter(seal -> seal.position() > from).forEach(seal -> heads.merge(
                    seal.aggregateIdentifier(), new CheckpointHead(seal.aggregateIdentifier(), seal.sequenceNumber(),
                            seal.seal()), (a, b) -> a.sequenceNumber() > b.sequenceNumber() ? a : b));
            Checkpoint checkpoint = new Checkpoint(number, rows.size(), previous, List.copyOf(heads.values()));
            byte[] digest = checkpoint.digest();
            checkpoints.add(new StoredCheckpoint(number, rows.size(), previous, digest,
                    CheckpointKeys.sign(SIGNER.getPrivate(), digest), checkpoint.heads()));
            return this;
        }

        List<Breach> verify() {
            List<Breach> breaches = new ArrayList<>();
            ChainCheck check = new ChainCheck(SEAL, SIGNER.getPublic(), breaches::add);
            check.checkpoints(checkpoints);
            for (SealedEvent row : rows) {
                check.event(new EventRef(row.globalIndex(), row.aggregateIdentifier(), row.sequenceNumber(),
                        row.eventIdentifier(), row.timestamp()), row, seals.get(row.globalIndex()));
            }
            seals.values().stream().filter(seal -> rows.stream().noneMatch(row -> row.globalIndex() == seal.position()))
                    .forEach(check::orphanSeal);
            check.finish();
            return breaches;
        }

        SealedEvent at(long position) {
            return rows.stream().filter(row -> row.globalIndex() == position).findFirst().orElseThrow();
        }

        void replace(long position, SealedEvent row) {
            rows.replaceAll(existing -> existing.globalIndex() == position ? row : existing);
        }

        void delete(long position) {
            rows.removeIf(row -> row.globalIndex() == position);
        }
    }

    private static SealedEvent row(long position, String aggregate, long sequence, String payload) {
        return new SealedEvent(position, "event-" + position, aggregate, sequence, "Account",
                Instant.parse("2026-11-22T08:00:00Z").plusSeconds(position), "org.exchange.api.Some", "1",
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static History twoAccounts() {
        return new History().append("alice").append("bob").append("alice").append("alice").append("bob");
    }

    @Test
    void anUntouchedHistoryHasNoBreach() {
        assertThat(twoAccounts().checkpoint().append("alice").verify()).isEmpty();
    }

    @Test
    void anEditedPayloadIsNamedAsEditedAtItsPosition() {
        History history = twoAccounts().checkpoint();
        SealedEvent original = history.at(3);
        history.replace(3, row(3, "alice", 1, "{\"n\":3000}"));

        assertThat(history.verify()).extracting(Breach::kind, Breach::position, Breach::aggregateId, Breach::sequence,
                Breach::eventId).containsExactly(tuple("EDITED", 3L, "alice", 1L, original.eventIdentifier()));
    }

    @Test
    void aRowInsertedWithoutASealIsNamedAsInserted() {
        History history = twoAccounts();
        history.rows.add(row(6, "bob", 2, "{\"forged\":true}"));

        assertThat(history.verify()).extracting(Breach::kind, Breach::position, Breach::aggregateId, Breach::sequence)
                .containsExactly(tuple("INSERTED", 6L, "bob", 2L));
    }

    @Test
    void rowsWithoutSealsInACheckpointedAggregateAreInsertedNotDeleted() {
        History history = twoAccounts().checkpoint();
        history.seals.clear();

        assertThat(history.verify()).extracting(Breach::kind).containsOnly("INSERTED").hasSize(5);
    }

    @Test
    void aRowInsertedWithASealUnderAnotherKeyIsNamedAsEdited() {
        History history = twoAccounts();
        SealedEvent forged = row(6, "carol", 0, "{\"forged\":true}");
        history.rows.add(forged);
        history.seals.put(6L, new StoredSeal(6, forged.eventIdentifier(), "carol", 0, EventSeal.GENESIS,
                OTHER_KEY.seal(forged, EventSeal.GENESIS)));

        assertThat(history.verify()).extracting(Breach::kind, Breach::position).containsExactly(tuple("EDITED", 6L));
    }

    @Test
    void aRowDeletedFromTheMiddleIsNamedWithItsEventIdFromItsSealAndLeavesAGap() {
        History history = twoAccounts();
        history.delete(3);

        assertThat(history.verify()).extracting(Breach::check, Breach::kind, Breach::position, Breach::aggregateId,
                Breach::sequence, Breach::eventId).containsExactlyInAnyOrder(
                tuple(Breach.Check.SEQUENCE_CONTINUITY, "SEQUENCE_GAP", 4L, "alice", 2L, "event-4"),
                tuple(Breach.Check.TAMPER_EVIDENCE, "DELETED", 3L, "alice", 1L, "event-3"));
    }

    @Test
    void aRowDeletedWithItsSealIsStillNamedByAggregateAndSequence() {
        History history = twoAccounts();
        history.delete(3);
        history.seals.remove(3L);

        assertThat(history.verify()).extracting(Breach::kind, Breach::aggregateId, Breach::sequence)
                .containsExactlyInAnyOrder(tuple("SEQUENCE_GAP", "alice", 2L), tuple("DELETED", "alice", 1L));
    }

    @Test
    void theLatestEventsOfAnAggregateDeletedWithTheirSealsAreFoundByTheSignedCheckpoint() {
        History history = twoAccounts().checkpoint();
        history.delete(4);
        history.seals.remove(4L);

        assertThat(history.verify()).extracting(Breach::kind, Breach::aggregateId, Breach::sequence)
                .containsExactly(tuple("DELETED", "alice", 2L));
    }

    @Test
    void aWholeAggregateDeletedWithItsSealsIsFoundByTheSignedCheckpoint() {
        History history = twoAccounts().checkpoint();
        for (long position : new long[]{2, 5}) {
            history.delete(position);
            history.seals.remove(position);
        }

        assertThat(history.verify()).extracting(Breach::kind, Breach::aggregateId, Breach::sequence)
                .containsExactlyInAnyOrder(tuple("DELETED", "bob", 0L), tuple("DELETED", "bob", 1L));
    }

    @Test
    void aCheckpointSignedWithAnotherKeyOrChangedIsForged() {
        History history = twoAccounts().checkpoint();
        StoredCheckpoint signed = history.checkpoints.getFirst();
        history.checkpoints.set(0, new StoredCheckpoint(signed.number(), signed.position(), signed.previousDigest(),
                signed.digest(), signed.signature(), signed.heads().subList(0, 1)));

        assertThat(history.verify()).extracting(Breach::kind).containsExactly("CHECKPOINT_FORGED");
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
