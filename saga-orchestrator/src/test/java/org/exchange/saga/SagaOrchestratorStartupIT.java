package org.exchange.saga;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orchestrator starts on the real event-store database with deadlines that survive a restart
 * (kept in PostgreSQL by db-scheduler), and reports itself healthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SagaOrchestratorStartupIT {

    private static final RealComponents COMPONENTS = RealComponents.current();

    @Autowired
    DeadlineManager deadlines;
    @Autowired
    EventStore events;
    @Autowired
    JdbcTemplate database;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "saga"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void deadlinesArePersistedInPostgresql() {
        assertThat(deadlines).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(database.queryForObject("select count(*) from information_schema.tables where table_name = 'scheduled_tasks'",
                Long.class)).isEqualTo(1);
    }

    @Test
    void readsTheSharedEventStoreAndReportsHealthy() throws Exception {
        assertThat(events.openStream(null).hasNextAvailable()).isFalse();

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }
}
