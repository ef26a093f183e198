package org.exchange.projection.sql;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL projections' writes, sent as JDBC batches: the statements of one unit of work (a
 * tracking processor's batch of events) are collected and executed when it prepares to commit,
 * before the processor's token moves, in the same transaction. One round trip per batch of equal
 * statements instead of one per statement: a rebuild is otherwise bound by round trips
 * (docs/benchmarks.md).
 * <p>
 * Order: every statement names the row it writes ({@link Write#forRow}); statements of one row run
 * in the order the handlers asked for them, statements of different rows in any order. Statements
 * with the same SQL are grouped into one JDBC batch as long as that keeps every row's order: a
 * statement joins the latest batch of its SQL unless its row already has a statement in a later
 * batch, else it starts a new one at the end. So a projection whose statements guard themselves by
 * the row's aggregate sequence (or insert once by key) writes exactly what one statement per event
 * would. A statement that writes more than one row must name a key shared by all of them, or no two
 * statements may write the same row in different batches.
 * <p>
 * Outside a unit of work (nothing is batched) a statement is executed at once.
 */
@Component
public class ReadModelWrites {

    private static final String RESOURCE = ReadModelWrites.class.getName();

    private final NamedParameterJdbcTemplate jdbc;

    ReadModelWrites(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** A statement with named parameters ({@code :name}), as {@code JdbcClient} takes them. */
    public Write sql(String sql) {
        return new Write(sql);
    }

    /** One statement being written. */
    public final class Write {

        private final String sql;
        private final MapSqlParameterSource params = new MapSqlParameterSource();

        private Write(String sql) {
            this.sql = sql;
        }

        public Write param(String name, Object value) {
            params.addValue(name, value);
            return this;
        }

        /** A parameter of a given {@link java.sql.Types} type (a {@code null} whose type the driver cannot guess). */
        public Write param(String name, Object value, int sqlType) {
            params.addValue(name, value, sqlType);
            return this;
        }

        /**
         * Queues the statement for the current unit of work (or runs it now outside one). {@code row}
         * identifies the one row it writes, together with the table: equal parts, same row.
         */
        public void forRow(String table, Object... row) {
            if (!CurrentUnitOfWork.isStarted()) {
                jdbc.update(sql, params);
                return;
            }
            batchOf(CurrentUnitOfWork.get().root()).add(sql, new RowKey(table, List.of(row)), params);
        }
    }

    private Batches batchOf(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            Batches batches = new Batches();
            unitOfWork.onPrepareCommit(committing -> batches.execute(jdbc));
            return batches;
        });
    }

    private record RowKey(String table, List<Object> row) {
    }

    /** The statements of one unit of work, as ordered JDBC batches of one SQL each. */
    static final class Batches {

        private final List<Batch> batches = new ArrayList<>();
        private final Map<String, Integer> latestOfSql = new HashMap<>();
        private final Map<Object, Integer> latestOfRow = new HashMap<>();

        /** Queues a statement: into the latest batch of its SQL if its row has nothing after that, else a new one. */
        void add(String sql, Object row, SqlParameterSource params) {
            int rowsLatest = latestOfRow.getOrDefault(row, -1);
            Integer sqlsLatest = latestOfSql.get(sql);
            int into;
            if (sqlsLatest != null && sqlsLatest >= rowsLatest) {
                into = sqlsLatest;
            } else {
                into = batches.size();
                batches.add(new Batch(sql));
                latestOfSql.put(sql, into);
            }
            batches.get(into).params.add(params);
            latestOfRow.put(row, into);
        }

        /** How the statements would run: each batch's SQL and its statements' parameters, in order. */
        List<Batch> batches() {
            return batches;
        }

        void execute(NamedParameterJdbcTemplate jdbc) {
            for (Batch batch : batches) {
                jdbc.batchUpdate(batch.sql, batch.params.toArray(SqlParameterSource[]::new));
            }
            batches.clear();
            latestOfSql.clear();
            latestOfRow.clear();
        }
    }

    /** Statements of one SQL, run as one JDBC batch in the order they were queued. */
    record Batch(String sql, List<SqlParameterSource> params) {
        Batch(String sql) {
            this(sql, new ArrayList<>());
        }
    }
}
