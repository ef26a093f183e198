package org.exchange.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCheckTest {

    private static final String COMMITS = "\"commitRate\":[{\"tool\":\"pgbench\",\"clients\":1,\"commitsPerSecond\":150.0},"
            + "{\"tool\":\"pgbench\",\"clients\":8,\"commitsPerSecond\":900.0}]";
    private static final String COMPONENTS = "\"components\":{\"command-side\":{\"cores\":0.5},\"gateway\":{\"cores\":0.01}}";
    private static final String LATENCIES = "\"placeToAckMs\":{\"p50\":5.0,\"p99\":20.0,\"p999\":30.0},"
            + "\"placeToSettledMs\":{\"p50\":9.0,\"p99\":40.0,\"p999\":41.0}";

    private static JsonNode report(String phase) throws Exception {
        return Gateway.JSON.readTree("{" + COMMITS + ",\"phases\":[{\"name\":\"max\"," + phase + "}]}");
    }

    @Test
    void aWholeReportPasses() throws Exception {
        assertThat(ReportCheck.problems(report("\"placesAccepted\":10,\"settledOrders\":9,\"unexpectedAnswers\":0,"
                + LATENCIES + "," + COMPONENTS))).isEmpty();
    }

    @Test
    void nothingSettledOrUnexpectedAnswersAreProblems() throws Exception {
        List<String> problems = ReportCheck.problems(report("\"placesAccepted\":10,\"settledOrders\":0,\"unexpectedAnswers\":2,"
                + "\"refusalsByCode\":{\"HTTP 502\":2}," + LATENCIES + "," + COMPONENTS));
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("no order seen settled");
        assertThat(problems.get(1)).contains("HTTP 502");
    }

    @Test
    void percentilesOutOfOrderAndMissingComponentsAreProblems() throws Exception {
        List<String> problems = ReportCheck.problems(report("\"placesAccepted\":10,\"settledOrders\":9,\"unexpectedAnswers\":0,"
                + "\"placeToAckMs\":{\"p50\":5.0,\"p99\":2.0,\"p999\":30.0},\"placeToSettledMs\":null,\"components\":{}"));
        assertThat(problems).hasSize(3);
        assertThat(problems).anyMatch(problem -> problem.contains("placeToAckMs"))
                .anyMatch(problem -> problem.contains("placeToSettledMs"))
                .anyMatch(problem -> problem.contains("command-side"));
    }

    @Test
    void aReportWithoutPhasesOrCommitRatesFails() throws Exception {
        assertThat(ReportCheck.problems(Gateway.JSON.readTree("{\"commitRate\":[],\"phases\":[]}")))
                .containsExactly("commit rate not measured with 1 and 8 clients", "no phase ran");
    }
}
