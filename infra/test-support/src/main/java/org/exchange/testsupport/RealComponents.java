package org.exchange.testsupport;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the real components of a test run are. {@code ./exchange test} starts PostgreSQL, Kafka,
 * OpenSearch and Keycloak from Maven Central distributions and exports their coordinates as
 * {@code EXCHANGE_*} variables (see infra/scripts). On a machine with Docker and without those
 * variables, {@link DockerComponents} starts the same components with Testcontainers instead.
 */
public record RealComponents(
        String dbHost,
        int dbPort,
        String dbUser,
        String dbPassword,
        String dbAdminUser,
        String kafkaBootstrap,
        String openSearchUrl,
        String keycloakUrl,
        String issuerUri,
        String jwkSetUri,
        String commandClientSecret,
        String keycloakAdminPassword) {

    private static final RealComponents CURRENT = resolve(System.getenv());

    public static RealComponents current() {
        return CURRENT;
    }

    static RealComponents resolve(Map<String, String> environment) {
        if (environment.get("EXCHANGE_DB_HOST") == null && DockerComponents.dockerAvailable()) {
            return DockerComponents.start();
        }
        UnaryOperator<String> env = name -> System.getProperty(name, environment.get(name));
        String keycloak = orDefault(env.apply("EXCHANGE_KEYCLOAK_URL"), "http://127.0.0.1:8180");
        return new RealComponents(
                orDefault(env.apply("EXCHANGE_DB_HOST"), "127.0.0.1"),
                Integer.parseInt(orDefault(env.apply("EXCHANGE_DB_PORT"), "5432")),
                orDefault(env.apply("EXCHANGE_DB_USER"), "exchange"),
                orDefault(env.apply("EXCHANGE_DB_PASSWORD"), "exchange"),
                orDefault(env.apply("EXCHANGE_DB_ADMIN_USER"), "postgres"),
                orDefault(env.apply("EXCHANGE_KAFKA_BOOTSTRAP"), "127.0.0.1:9092"),
                orDefault(env.apply("EXCHANGE_OPENSEARCH_URL"), "http://127.0.0.1:9200"),
                keycloak,
                orDefault(env.apply("EXCHANGE_ISSUER_URI"), "http://127.0.0.1:8000/realms/exchange"),
                orDefault(env.apply("EXCHANGE_JWK_SET_URI"), keycloak + "/realms/exchange/protocol/openid-connect/certs"),
                orDefault(env.apply("EXCHANGE_COMMAND_CLIENT_SECRET"), ""),
                orDefault(env.apply("KEYCLOAK_ADMIN_PASSWORD"), ""));
    }

    /** The same components, with Keycloak reached at another base URL (e.g. through the gateway). */
    public RealComponents withKeycloakUrl(String url) {
        return new RealComponents(dbHost, dbPort, dbUser, dbPassword, dbAdminUser, kafkaBootstrap, openSearchUrl, url,
                issuerUri, jwkSetUri, commandClientSecret, keycloakAdminPassword);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + database;
    }

    /** Spring properties pointing a service at these components and at the given database. */
    public Map<String, String> springProperties(String database) {
        return Map.of(
                "spring.datasource.url", jdbcUrl(database),
                "spring.datasource.username", dbUser,
                "spring.datasource.password", dbPassword,
                "axon.kafka.bootstrap-servers", kafkaBootstrap,
                "exchange.security.issuer-uri", issuerUri,
                "exchange.security.jwk-set-uri", jwkSetUri,
                "exchange.identity.keycloak-url", keycloakUrl,
                "exchange.identity.client-secret", commandClientSecret,
                "exchange.opensearch.url", openSearchUrl);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
