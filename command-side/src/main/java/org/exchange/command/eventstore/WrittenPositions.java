package org.exchange.command.eventstore;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The event-store position (global index) of what a command wrote, which command answers carry as
 * {@code position}: a client that then reads with {@code ?minPosition=} sees at least what its
 * command wrote (read your writes, docs/api-guide.md).
 * <p>
 * {@link #writing} learns it without asking the database: the storage engine reports the positions
 * it appends to the thread that appends them, and the local command bus commits a command in the
 * thread that sent it, before {@code sendAndWait} returns. When the commands appended nothing in this
 * thread (they changed nothing, or another node or thread handled them), it asks the database for
 * the aggregates' latest events, as {@link #latestOf} does.
 */
@Component
public class WrittenPositions {

    /** The highest position appended in this thread while {@link #writing} runs; absent otherwise. */
    private static final ThreadLocal<long[]> APPENDED = new ThreadLocal<>();

    private final JdbcClient jdbc;

    WrittenPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What commands answered, and the position of what they wrote. */
    public record Written<T>(T result, long position) {
    }

    /**
     * Runs commands and answers their result with the highest position they appended in this thread
     * (they have committed when they returned), or, if they appended nothing here, the latest
     * position of {@code aggregateIds} (given the result).
     */
    public <T> Written<T> writing(Supplier<T> commands, Function<T, String[]> aggregateIds) {
        long[] outer = APPENDED.get();
        long[] appended = {0};
        APPENDED.set(appended);
        T result;
        try {
            result = commands.get();
        } finally {
            if (outer == null) {
                APPENDED.remove();
            } else {
                outer[0] = Math.max(outer[0], appended[0]);
                APPENDED.set(outer);
            }
        }
        return new Written<>(result, appended[0] > 0 ? appended[0] : latestOf(aggregateIds.apply(result)));
    }

    /** Called by the storage engine with the highest position of the events it just stored (not yet committed). */
    static void appended(long position) {
        long[] appended = APPENDED.get();
        if (appended != null) {
            appended[0] = Math.max(appended[0], position);
        }
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
