package org.exchange.command.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code ./exchange bench recovery --quick} in this JVM (on the real PostgreSQL), so that a
 * change that breaks the benchmark fails the build: the report is written, both restarts matched
 * their first order, and the snapshot covers the stored history. No timing is checked.
 */
class RecoveryBenchmarkSmokeIT {

    @Test
    void theQuickRunWritesASaneReport(@TempDir Path directory) throws Exception {
        Path prefix = directory.resolve("recovery");

        RecoveryBenchmark.run(new String[] {"--out", prefix.toString(), "--quick"});

        JsonNode report = new ObjectMapper().readTree(Files.readString(Path.of(prefix + ".json")));
        assertThat(Files.readString(Path.of(prefix + ".txt"))).contains("with snapshot:", "without snapshot:");
        assertThat(report.path("events").asInt()).isGreaterThanOrEqualTo(20_000);
        assertThat(report.path("snapshot").path("sequence").asLong()).isEqualTo(report.path("events").asLong() - 1);
        assertThat(report.path("snapshot").path("bytes").asLong()).isPositive();
        assertThat(report.path("restarts")).hasSize(2);
        assertThat(report.path("restarts").get(0).path("snapshot").asBoolean()).isTrue();
        assertThat(report.path("restarts").get(1).path("snapshot").asBoolean()).isFalse();
        for (JsonNode restart : report.path("restarts")) {
            assertThat(restart.path("ordersUntilMatched").asInt()).as("an order placed after the load matches")
                    .isBetween(1, 2);
            assertThat(restart.path("matchedSeconds").asDouble()).isPositive()
                    .isGreaterThanOrEqualTo(restart.path("firstOrderSeconds").asDouble());
            assertThat(restart.path("nextOrderStatus").asText()).isIn("FILLED", "PARTIALLY_FILLED");
        }
    }
}
