package org.exchange.command.reliability;

import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the event store's PostgreSQL refuses connections, a client gets a 503 it can act on
 * ({@code SERVICE_UNAVAILABLE}, {@code Retry-After}) within the pool's timeout, and nothing is half
 * done: once the database takes connections again the same request (same deposit id) succeeds and
 * is stored exactly once. The outage is real: the test's own throwaway database is closed to new
 * connections and its sessions are ended ({@code ALTER DATABASE … ALLOW_CONNECTIONS false}), which
 * is what a restarting or unreachable server looks like to the pool; the machine's server keeps
 * running for everyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.hikari.connection-timeout=2000"})
class DatabaseOutageIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "outage");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.outage." + UUID.randomUUID());
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterEach
    void databaseBack() throws SQLException {
        allowConnections(true);
    }

    @Test
    void whileTheDatabaseRefusesConnectionsADepositIsA503WithRetryAfterAndNothingIsStoredTwice() throws Exception {
        String trader = KEYCLOAK.createUser("it-outage", "trader");
        String admin = KEYCLOAK.createUser("it-outage-admin", "admin");
        String adminToken = KEYCLOAK.token(admin, admin);
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        assertThat(api.post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"5\"}".formatted(trader)).status()).isEqualTo(201);
        String deposit = "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"7\",\"depositId\":\"outage-%s\"}"
                .formatted(trader, UUID.randomUUID());

        allowConnections(false);
        Response refused = api.post("/api/v1/admin/deposits", adminToken, deposit);

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(refused.header("Retry-After")).isEqualTo("1");

        allowConnections(true);
        // the pool reconnects on the next request; the client retries as Retry-After says
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.post("/api/v1/admin/deposits", adminToken, deposit).status()).isIn(200, 201));
        Response again = api.post("/api/v1/admin/deposits", adminToken, deposit);
        assertThat(again.status()).as("the retried deposit is already there").isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(depositEvents()).as("deposits stored: the first one and the retried one, once").isEqualTo(2);
    }

    private static long depositEvents() throws SQLException {
        try (Connection connection = DriverManager.getConnection(COMPONENTS.jdbcUrl(DATABASE), COMPONENTS.dbUser(),
                COMPONENTS.dbPassword()); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from domain_event_entry "
                     + "where payload_type = 'org.exchange.api.account.FundsDepositedEvent'")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** Closes (or reopens) the test's database to new connections and ends the sessions it has. */
    private static void allowConnections(boolean allowed) throws SQLException {
        String password = COMPONENTS.dbAdminUser().equals(COMPONENTS.dbUser()) ? COMPONENTS.dbPassword() : "";
        try (Connection admin = DriverManager.getConnection(COMPONENTS.jdbcUrl("postgres"), COMPONENTS.dbAdminUser(), password);
             Statement statement = admin.createStatement()) {
            statement.execute("alter database " + DATABASE + " with allow_connections " + allowed);
            if (!allowed) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE + "'");
            }
        }
    }
}
