package org.exchange.command.eventstore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event-store position (global index) of an aggregate's latest event, which command answers
 * carry as {@code position}: a client that then reads with {@code ?minPosition=} sees at least
 * what its command wrote (read your writes, docs/api-guide.md).
 */
@Component
public class WrittenPositions {

    private final JdbcClient jdbc;

    WrittenPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The highest position among the latest events of these aggregates; 0 if none has events. */
    public long latestOf(String... aggregateIds) {
        long latest = 0;
        for (String aggregateId : aggregateIds) {
            latest = Math.max(latest, jdbc.sql("""
                            select global_index from domain_event_entry where aggregate_identifier = :aggregate
                             order by sequence_number desc limit 1""")
                    .param("aggregate", aggregateId)
                    .query(Long.class)
                    .optional()
                    .orElse(0L));
        }
        return latest;
    }
}
