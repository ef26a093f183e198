package org.exchange.command.eventstore;

import org.exchange.platform.eventchain.SealedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Seals, once, the events stored before sealing existed: those at positions up to the one the
 * migration recorded in {@code event_chain_origin} (trust on first use, ADR 0019). Runs before the
 * command side appends anything; later rows, even at a lower unused position, are never sealed here.
 */
class ChainOrigin {

    private static final int BATCH = 500;
    /** The advisory lock key of the one-time sealing ("orig"). */
    private static final long LOCK = 0x6f726967L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventSeals seals;

    ChainOrigin(JdbcTemplate jdbc, TransactionTemplate transactions, EventSeals seals) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.seals = seals;
    }

    /** @return how many earlier events it sealed now (0 when done before) */
    int sealEarlierEvents() {
        return transactions.execute(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, LOCK);
            List<Long> unsealed = jdbc.queryForList("select position from event_chain_origin where sealed_at is null",
                    Long.class);
            if (unsealed.isEmpty()) {
                return 0;
            }
            List<SealedEvent> batch = new ArrayList<>(BATCH);
            int[] sealed = {0};
            // a cursor, not the whole store in memory (the transaction keeps it open)
            JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
            cursor.setFetchSize(BATCH);
            cursor.query("select " + SealedEvent.COLUMNS + " from domain_event_entry where global_index <= ?"
                    + " order by global_index", row -> {
                batch.add(SealedEvent.read(row));
                if (batch.size() == BATCH) {
                    seals.seal(batch);
                    sealed[0] += batch.size();
                    batch.clear();
                }
            }, unsealed.getFirst());
            seals.seal(batch);
            sealed[0] += batch.size();
            jdbc.update("update event_chain_origin set sealed_at = now()");
            return sealed[0];
        });
    }
}
