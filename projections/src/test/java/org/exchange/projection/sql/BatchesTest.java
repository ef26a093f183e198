package org.exchange.projection.sql;

import org.exchange.projection.sql.ReadModelWrites.Batch;
import org.exchange.projection.sql.ReadModelWrites.Batches;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchesTest {

    private final Batches batches = new Batches();

    @Test
    void statementsOfOneSqlAndDifferentRowsShareOneBatch() {
        add("insert", "a", 1);
        add("insert", "b", 1);
        add("insert", "a", 2);

        assertThat(run()).containsExactly("insert a1", "insert b1", "insert a2");
        assertThat(batches.batches()).hasSize(1);
    }

    @Test
    void interleavedLifecyclesOfManyRowsTakeOneBatchPerKindOfStatement() {
        for (String order : List.of("x", "y", "z")) {
            add("place", order, 0);
            add("accept", order, 1);
            add("fill", order, 2);
            add("close", order, 3);
        }

        assertThat(batches.batches()).extracting(Batch::sql).containsExactly("place", "accept", "fill", "close");
        assertThat(run()).containsExactly("place x0", "place y0", "place z0", "accept x1", "accept y1", "accept z1",
                "fill x2", "fill y2", "fill z2", "close x3", "close y3", "close z3");
    }

    /** An order filled, asked to cancel, filled again: its second fill must not run before the cancel request. */
    @Test
    void aRowsStatementsKeepTheirOrderWhenTheirSqlCameEarlier() {
        add("fill", "x", 2);
        add("cancel", "x", 3);
        add("fill", "x", 4);
        add("fill", "y", 1);

        List<String> run = run();
        assertThat(run).containsSubsequence("fill x2", "cancel x3", "fill x4");
        assertThat(run).containsExactly("fill x2", "cancel x3", "fill x4", "fill y1");
        assertThat(batches.batches()).extracting(Batch::sql).containsExactly("fill", "cancel", "fill");
    }

    @Test
    void theSameRowInAnotherTableIsAnotherRow() {
        add("first", "a", 1);
        batches.add("second", List.of("other-table", "a"), new MapSqlParameterSource("step", "a2"));
        add("first", "b", 1);

        assertThat(run()).containsExactly("first a1", "first b1", "second a2");
    }

    private void add(String sql, String row, int step) {
        batches.add(sql, List.of("table", row), new MapSqlParameterSource("step", row + step));
    }

    /** Every statement in the order the batches would run them. */
    private List<String> run() {
        List<String> run = new ArrayList<>();
        for (Batch batch : batches.batches()) {
            batch.params().forEach(params -> run.add(batch.sql() + " " + params.getValue("step")));
        }
        return run;
    }
}
