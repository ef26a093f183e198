package org.exchange.loadgen;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a report is whole and sane, for the smoke run of {@code ./exchange test}: orders were
 * accepted and seen settled, no answer a healthy exchange never gives, percentiles in order, commit
 * rates measured, the stack's components measured. It judges no figure against a target.
 */
final class ReportCheck {

    static List<String> problems(JsonNode report) {
        List<String> problems = new ArrayList<>();
        for (JsonNode commit : report.path("commitRate")) {
            if (!(commit.path("commitsPerSecond").asDouble() > 0)) {
                problems.add("no commit rate with " + commit.path("clients").asInt() + " client(s)");
            }
        }
        if (report.path("commitRate").size() != 2) {
            problems.add("commit rate not measured with 1 and 8 clients");
        }
        if (report.path("phases").isEmpty()) {
            problems.add("no phase ran");
        }
        for (JsonNode phase : report.path("phases")) {
            String name = "phase " + phase.path("name").asText() + ": ";
            int accepted = phase.path("placesAccepted").asInt();
            int settled = phase.path("settledOrders").asInt();
            if (accepted == 0) {
                problems.add(name + "no order accepted");
            }
            if (settled == 0) {
                problems.add(name + "no order seen settled");
            }
            if (settled > accepted) {
                problems.add(name + settled + " orders settled but only " + accepted + " accepted");
            }
            if (phase.path("unexpectedAnswers").asInt() > 0) {
                problems.add(name + "answers a healthy exchange never gives: " + phase.path("refusalsByCode"));
            }
            for (String latency : List.of("placeToAckMs", "placeToSettledMs")) {
                JsonNode summary = phase.path(latency);
                double p50 = summary.path("p50").asDouble(-1);
                double p99 = summary.path("p99").asDouble(-1);
                double p999 = summary.path("p999").asDouble(-1);
                if (!(p50 > 0 && p50 <= p99 && p99 <= p999)) {
                    problems.add(name + latency + " percentiles missing or out of order: " + summary);
                }
            }
            if (!phase.path("components").has("command-side") || !phase.path("components").has("gateway")) {
                problems.add(name + "CPU and memory of command-side and gateway not measured: " + phase.path("components"));
            }
        }
        return problems;
    }

    private ReportCheck() {
    }
}
