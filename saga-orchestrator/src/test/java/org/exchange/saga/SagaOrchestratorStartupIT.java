package org.exchange.saga;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
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
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orchestrator starts on the real event-store database with deadlines kept in PostgreSQL by
 * db-scheduler (so they survive a restart), and reports itself healthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SagaOrchestratorStartupIT {

    private static final RealComponents COMPONENTS = RealComponents.current();

    @Autowired
    DeadlineManager deadlines;
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
    void aScheduledDeadlineIsARowInPostgresqlSoItSurvivesARestart() {
        assertThat(deadlines).isInstanceOf(DbSchedulerDeadlineManager.class);

        String deadlineId = deadlines.schedule(Duration.ofHours(1), "orderReservationTimeout", "o-1",
                new SagaScopeDescriptor("OrderSaga", "saga-1"));

        assertThat(database.queryForList("select task_instance from scheduled_tasks", String.class))
                .anySatisfy(instance -> assertThat(instance).contains(deadlineId));
        deadlines.cancelSchedule("orderReservationTimeout", deadlineId);
        assertThat(database.queryForList("select task_instance from scheduled_tasks", String.class))
                .noneSatisfy(instance -> assertThat(instance).contains(deadlineId));
    }

    @Test
    void reportsHealthyWithItsEventProcessors() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }
}
