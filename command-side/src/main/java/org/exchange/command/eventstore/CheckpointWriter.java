package org.exchange.command.eventstore;

import org.exchange.platform.eventchain.Checkpoint;
import org.exchange.platform.eventchain.CheckpointHead;
import org.exchange.platform.eventchain.CheckpointKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.PrivateKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs a checkpoint over the seals written since the previous checkpoint (ADR 0019): the latest seal
 * of every aggregate that gained events, chained to the previous checkpoint's digest. One writer at a
 * time across command-side replicas (a transaction-scoped advisory lock); nothing new, no checkpoint.
 * A seal committed late with a position below the one already checkpointed is left out of every
 * checkpoint; its aggregate's next event covers it.
 */
class CheckpointWriter {

    /** The advisory lock key of checkpoint writing ("ckpt"). */
    private static final long LOCK = 0x636b7074L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PrivateKey signingKey;

    CheckpointWriter(JdbcTemplate jdbc, TransactionTemplate transactions, PrivateKey signingKey) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.signingKey = signingKey;
    }

    /** @return the checkpoint written, if another writer was not busy and anything was new */
    Optional<Checkpoint> write() {
        return transactions.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return Optional.empty();
            }
            List<Map<String, Object>> last = jdbc.queryForList(
                    "select number, position, digest from event_checkpoint order by number desc limit 1");
            long number = last.isEmpty() ? 1 : ((Number) last.getFirst().get("number")).longValue() + 1;
            long from = last.isEmpty() ? 0 : ((Number) last.getFirst().get("position")).longValue();
            byte[] previousDigest = last.isEmpty() ? Checkpoint.FIRST : (byte[]) last.getFirst().get("digest");
            Long to = jdbc.queryForObject("select max(global_index) from event_seal", Long.class);
            if (to == null || to <= from) {
                return Optional.empty();
            }
            List<CheckpointHead> heads = jdbc.query("""
                            select distinct on (aggregate_identifier) aggregate_identifier, sequence_number, seal
                              from event_seal where global_index > ? and global_index <= ?
                             order by aggregate_identifier, sequence_number desc""",
                    (row, i) -> new CheckpointHead(row.getString(1), row.getLong(2), row.getBytes(3)), from, to);
            Checkpoint checkpoint = new Checkpoint(number, to, previousDigest, heads);
            byte[] digest = checkpoint.digest();
            jdbc.update("""
                            insert into event_checkpoint (number, position, previous_digest, digest, signature, created_at)
                            values (?, ?, ?, ?, ?, ?)""", number, to, previousDigest, digest,
                    CheckpointKeys.sign(signingKey, digest), Timestamp.from(Instant.now()));
            jdbc.batchUpdate("""
                            insert into event_checkpoint_head (checkpoint, aggregate_identifier, sequence_number, seal)
                            values (?, ?, ?, ?)""",
                    heads.stream().map(head -> new Object[]{number, head.aggregateIdentifier(), head.sequenceNumber(),
                            head.seal()}).toList());
            return Optional.of(checkpoint);
        });
    }
}
