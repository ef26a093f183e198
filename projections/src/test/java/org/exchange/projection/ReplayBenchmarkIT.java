package org.exchange.projection;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast a replay of all PostgreSQL projections rebuilds them (docs/benchmarks.md): a seeded
 * trading session of about {@code exchange.bench.replay-events} events is projected live, then
 * replayed through the API; the rate is printed, and the rebuilt tables must equal the live ones.
 * Runs only when asked for:
 * {@code ./mvnw -o verify -pl projections -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ReplayBenchmarkIT -Dexchange.bench.replay-events=100000}
 */
@EnabledIfSystemProperty(named = "exchange.bench.replay-events", matches = "\\d+")
class ReplayBenchmarkIT {

    private static final Keycloak KEYCLOAK = new Keycloak(RealComponents.current());

    @Test
    void replayOfAllProjections() throws Exception {
        int events = Integer.parseInt(System.getProperty("exchange.bench.replay-events"));
        try (ReplayedService service = new ReplayedService(Map.of())) {
            long started = System.nanoTime();
            // a round of the session is 18 events
            service.publish(new TradingSession(new Random(11)).events(Math.max(1, (events - 9) / 18)));
            long records = service.records();
            JdbcTemplate live = service.live();
            await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ReadModels.everyProjectionCaughtUp(live, records));
            System.out.printf("BENCH live: %d records published and projected by 10 processors in %d s%n", records,
                    (System.nanoTime() - started) / 1_000_000_000L);
            Map<String, ?> projected = ReadModels.all(live);

            String name = KEYCLOAK.createUser("it-bench-auditor", "auditor");
            ApiClient api = service.api();
            String token = KEYCLOAK.token(name, name);
            long replayStarted = System.nanoTime();
            long cpuBefore = processCpuNanos();
            JsonNode replay = api.post("/api/v1/audit/replays", token, "{\"projection\":\"all\"}").json();
            String id = replay.path("id").asText();
            long peak = 0;
            while (true) {
                Thread.sleep(2_000);
                if (api.get("/api/v1/audit/replays/" + id, token).status() == 401) {
                    token = KEYCLOAK.token(name, name);
                }
                replay = api.get("/api/v1/audit/replays/" + id, token).json();
                peak = Math.max(peak, replay.path("eventsPerSecond").asLong());
                System.out.printf("BENCH %s %d/%d %s/s eta %s s%n", replay.path("state").asText(),
                        replay.path("eventsDone").asLong(), replay.path("eventsTotal").asLong(),
                        replay.path("eventsPerSecond").asText(), replay.path("secondsLeft").asText());
                if (!replay.path("state").asText().equals("RUNNING")) {
                    break;
                }
            }
            double seconds = (System.nanoTime() - replayStarted) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
            System.out.printf("BENCH replay of all: %s, %d stored events (%d records) in %.1f s = %.0f events/s "
                    + "(%.0f records/s per processor; topic check and swap included), peak %d records/s%n",
                    replay.path("state").asText(), service.storedEvents(), records, seconds,
                    service.storedEvents() / seconds, records / seconds, peak);
            // the service runs in this JVM: its CPU time does not depend on what else the machine runs
            System.out.printf("BENCH replay of all: %.1f CPU seconds in this JVM = %.0f events per CPU second "
                    + "(load average %s)%n", cpuSeconds, service.storedEvents() / cpuSeconds,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            assertThat(replay.path("state").asText()).isEqualTo("FINISHED");
            assertThat(ReadModels.all(live)).isEqualTo(projected);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
