package org.exchange.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** The report's JSON per phase and against the targets, and its human-readable form. */
final class Reports {

    static ObjectNode phase(Phase phase) {
        ObjectNode json = Gateway.JSON.createObjectNode();
        json.put("name", phase.name);
        json.put("mode", phase.targetRate > 0 ? "open loop at a target rate" : "closed loop, as fast as answered");
        if (phase.targetRate > 0) {
            json.put("targetOrdersPerSecond", phase.targetRate);
        } else {
            json.put("concurrency", phase.concurrency);
        }
        json.put("sendSeconds", round(phase.sendSeconds()));
        json.put("placesSent", phase.placesSent.get());
        json.put("placesAccepted", phase.placesAccepted.get());
        json.put("cancelsSent", phase.cancelsSent.get());
        json.put("cancelsAccepted", phase.cancelsAccepted.get());
        json.put("cancelsNotSent", phase.cancelsSkipped.get());
        json.put("acceptedOrdersPerSecond", round(phase.acceptedPerSecond()));
        json.put("requestsPerSecond", round((phase.placesSent.get() + phase.cancelsSent.get()) / phase.sendSeconds()));
        json.put("settledOrders", phase.settled.get());
        json.put("settledOrdersPerSecond", round(phase.settledPerSecond()));
        json.put("unsettledOrders", phase.unsettledAtEnd);
        json.put("drainSeconds", round((phase.endNanos - phase.sendEndNanos) / 1e9));
        json.set("placeToAckMs", Gateway.JSON.valueToTree(phase.placeToAck.summary()));
        json.set("placeToSettledMs", Gateway.JSON.valueToTree(phase.placeToSettled.summary()));
        json.set("cancelToAckMs", Gateway.JSON.valueToTree(phase.cancelToAck.summary()));
        json.set("refusalsByCode", Gateway.JSON.valueToTree(phase.refusals));
        json.put("unexpectedAnswers", phase.unexpected());
        json.set("projectionLagEventsMax", Gateway.JSON.valueToTree(phase.projectionLagMax));
        json.set("projectionLagEventsAtEnd", Gateway.JSON.valueToTree(phase.projectionLagLast));
        json.set("components", Gateway.JSON.valueToTree(phase.usage));
        return json;
    }

    /** The targets: settled/s of the fastest phase against 8 clients' commits; latencies of the half-rate phase. */
    static ObjectNode targets(List<Phase> phases, List<CommitRate.Result> commits) {
        ObjectNode targets = Gateway.JSON.createObjectNode();
        double eight = commits.stream().filter(result -> result.clients() == 8).mapToDouble(CommitRate.Result::commitsPerSecond)
                .findFirst().orElse(0);
        double settled = phases.stream().mapToDouble(Phase::settledPerSecond).max().orElse(0);
        targets.put("maxSettledOrdersPerSecond", round(settled));
        targets.put("commitsPerSecond8Clients", round(eight));
        double ratio = eight > 0 ? settled / eight : 0;
        targets.put("settledToCommitRatio", Math.round(ratio * 1000) / 1000.0);
        targets.put("settledToCommitRatioTarget", SystemBenchmark.TARGET_COMMIT_RATIO);
        targets.put("settledToCommitRatioMet", ratio >= SystemBenchmark.TARGET_COMMIT_RATIO);
        phases.stream().filter(phase -> phase.name.equals("half")).findFirst().ifPresent(half -> {
            Latencies.Summary ack = half.placeToAck.summary();
            Latencies.Summary settledLatency = half.placeToSettled.summary();
            targets.put("halfRateOrdersPerSecond", half.targetRate);
            if (ack != null) {
                targets.put("halfRateAckP99Ms", ack.p99());
                targets.put("halfRateAckP99TargetMs", SystemBenchmark.TARGET_ACK_P99_MS);
                targets.put("halfRateAckP99Met", ack.p99() <= SystemBenchmark.TARGET_ACK_P99_MS);
            }
            if (settledLatency != null) {
                targets.put("halfRateSettledP99Ms", settledLatency.p99());
                targets.put("halfRateSettledP99TargetMs", SystemBenchmark.TARGET_SETTLED_P99_MS);
                targets.put("halfRateSettledP99Met", settledLatency.p99() <= SystemBenchmark.TARGET_SETTLED_P99_MS);
            }
        });
        return targets;
    }

    static String text(JsonNode report) {
        StringBuilder text = new StringBuilder();
        JsonNode machine = report.path("machine");
        text.append("System benchmark ").append(report.path("startedAt").asText()).append(" → ")
                .append(report.path("finishedAt").asText()).append('\n');
        text.append("machine: ").append(machine.path("cpu").asText()).append(", ").append(machine.path("cores").asInt())
                .append(" cores, ").append(machine.path("memoryGiB").asDouble()).append(" GiB; ")
                .append(machine.path("java").asText()).append("; load average ").append(machine.path("loadAverage").asText())
                .append(" at the start, ").append(report.path("machineAfter").path("loadAverage").asText()).append(" at the end\n");
        text.append("options: ").append(report.path("options")).append('\n');
        text.append("PostgreSQL: ").append(report.path("postgresSettings").asText()).append('\n');
        for (JsonNode commit : report.path("commitRate")) {
            text.append(String.format("  single-row commits, %d client(s): %.0f/s (%s)%n", commit.path("clients").asInt(),
                    commit.path("commitsPerSecond").asDouble(), commit.path("tool").asText()));
        }
        for (JsonNode phase : report.path("phases")) {
            text.append('\n').append("phase ").append(phase.path("name").asText()).append(" — ").append(phase.path("mode").asText());
            if (phase.has("targetOrdersPerSecond")) {
                text.append(", ").append(phase.path("targetOrdersPerSecond").asDouble()).append(" orders/s");
            } else {
                text.append(", ").append(phase.path("concurrency").asInt()).append(" requests at a time");
            }
            text.append(String.format(", %.1f s%n", phase.path("sendSeconds").asDouble()));
            text.append(String.format("  places sent %d, accepted %d (%.1f/s); cancels sent %d, accepted %d, not sent %d (their order was refused)%n",
                    phase.path("placesSent").asInt(), phase.path("placesAccepted").asInt(), phase.path("acceptedOrdersPerSecond").asDouble(),
                    phase.path("cancelsSent").asInt(), phase.path("cancelsAccepted").asInt(), phase.path("cancelsNotSent").asInt()));
            text.append(String.format("  settled %d (%.1f/s), not seen settled %d when the phase ended %.1f s after its last command%n",
                    phase.path("settledOrders").asInt(), phase.path("settledOrdersPerSecond").asDouble(),
                    phase.path("unsettledOrders").asInt(), phase.path("drainSeconds").asDouble()));
            latency(text, "place → ack    ", phase.path("placeToAckMs"));
            latency(text, "place → settled", phase.path("placeToSettledMs"));
            latency(text, "cancel → ack   ", phase.path("cancelToAckMs"));
            text.append("  refusals by code: ").append(phase.path("refusalsByCode")).append("; unexpected: ")
                    .append(phase.path("unexpectedAnswers").asInt()).append('\n');
            text.append("  projection lag (events) max ").append(phase.path("projectionLagEventsMax"))
                    .append(", at the end ").append(phase.path("projectionLagEventsAtEnd")).append('\n');
            text.append("  components (cores used on average; RSS MB at the end / max):\n");
            for (Map.Entry<String, JsonNode> component : phase.path("components").properties()) {
                text.append(String.format("    %-20s %5.2f cores  %6d / %6d MB%n", component.getKey(),
                        component.getValue().path("cores").asDouble(), component.getValue().path("rssMb").asLong(),
                        component.getValue().path("maxRssMb").asLong()));
            }
        }
        JsonNode targets = report.path("targets");
        text.append("\ntargets (issue 5)\n");
        text.append(String.format("  settled orders/s %.1f / 8-client commits/s %.0f = %.3f (target ≥ %.1f): %s%n",
                targets.path("maxSettledOrdersPerSecond").asDouble(), targets.path("commitsPerSecond8Clients").asDouble(),
                targets.path("settledToCommitRatio").asDouble(), targets.path("settledToCommitRatioTarget").asDouble(),
                met(targets.path("settledToCommitRatioMet"))));
        if (targets.has("halfRateAckP99Ms")) {
            text.append(String.format("  at half rate (%.0f orders/s): place → ack p99 %.2f ms (target ≤ %.0f): %s%n",
                    targets.path("halfRateOrdersPerSecond").asDouble(), targets.path("halfRateAckP99Ms").asDouble(),
                    targets.path("halfRateAckP99TargetMs").asDouble(), met(targets.path("halfRateAckP99Met"))));
        }
        if (targets.has("halfRateSettledP99Ms")) {
            text.append(String.format("  at half rate: place → settled p99 %.2f ms (target ≤ %.0f): %s%n",
                    targets.path("halfRateSettledP99Ms").asDouble(), targets.path("halfRateSettledP99TargetMs").asDouble(),
                    met(targets.path("halfRateSettledP99Met"))));
        }
        text.append("order-stream errors: ").append(report.path("streamErrors").asInt())
                .append("; open orders canceled after the run: ").append(report.path("openOrdersCanceledAfter").asInt()).append('\n');
        return text.toString();
    }

    private static void latency(StringBuilder text, String label, JsonNode summary) {
        if (summary.isMissingNode() || summary.isNull()) {
            text.append("  ").append(label).append(" ms: none\n");
            return;
        }
        text.append(String.format("  %s ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (n %d)%n", label,
                summary.path("p50").asDouble(), summary.path("p99").asDouble(), summary.path("p999").asDouble(),
                summary.path("max").asDouble(), summary.path("count").asInt()));
    }

    private static String met(JsonNode met) {
        return met.asBoolean() ? "met" : "MISSED";
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private Reports() {
    }
}
