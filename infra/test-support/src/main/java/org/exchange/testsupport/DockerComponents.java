package org.exchange.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The Testcontainers route, for machines that have a Docker engine and no components started by
 * {@code ./exchange}. The same real products and versions as the scripts start; containers live
 * for the test JVM. (Our own machines have no Docker: this route is not exercised by CI here.)
 */
final class DockerComponents {

    private static final String KEYCLOAK_ADMIN_PASSWORD = UUID.randomUUID().toString();
    private static final String COMMAND_CLIENT_SECRET = UUID.randomUUID().toString();

    private DockerComponents() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError unavailable) {
            return false;
        }
    }

    static RealComponents start() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17")
                .withUsername("exchange").withPassword("exchange").withDatabaseName("exchange");
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");
        GenericContainer<?> openSearch = new GenericContainer<>("opensearchproject/opensearch:3.3.0")
                .withEnv("discovery.type", "single-node")
                .withEnv("DISABLE_SECURITY_PLUGIN", "true")
                .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withExposedPorts(9200)
                .waitingFor(Wait.forHttp("/_cluster/health").forPort(9200).withStartupTimeout(Duration.ofMinutes(3)));
        GenericContainer<?> keycloak = new GenericContainer<>("quay.io/keycloak/keycloak:26.4")
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", KEYCLOAK_ADMIN_PASSWORD)
                .withEnv("EXCHANGE_COMMAND_CLIENT_SECRET", COMMAND_CLIENT_SECRET)
                .withCopyFileToContainer(MountableFile.forHostPath(realmFile()), "/opt/keycloak/data/import/exchange-realm.json")
                .withCommand("start-dev", "--import-realm", "--hostname=http://127.0.0.1:8000", "--hostname-backchannel-dynamic=true")
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/realms/exchange").forPort(8080).withStartupTimeout(Duration.ofMinutes(3)));
        postgres.start();
        kafka.start();
        openSearch.start();
        keycloak.start();
        String keycloakUrl = "http://" + keycloak.getHost() + ":" + keycloak.getMappedPort(8080);
        return new RealComponents(postgres.getHost(), postgres.getMappedPort(5432), "exchange", "exchange",
                "exchange", kafka.getBootstrapServers(),
                "http://" + openSearch.getHost() + ":" + openSearch.getMappedPort(9200),
                keycloakUrl, "http://127.0.0.1:8000/realms/exchange",
                keycloakUrl + "/realms/exchange/protocol/openid-connect/certs",
                COMMAND_CLIENT_SECRET, KEYCLOAK_ADMIN_PASSWORD);
    }

    private static Path realmFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path realm = dir.resolve("infra/keycloak/exchange-realm.json");
            if (Files.exists(realm)) {
                return realm;
            }
        }
        throw new IllegalStateException("infra/keycloak/exchange-realm.json not found above " + Path.of("").toAbsolutePath());
    }
}
