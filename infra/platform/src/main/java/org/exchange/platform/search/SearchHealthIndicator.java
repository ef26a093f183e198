package org.exchange.platform.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code search} in {@code /actuator/health} (and readiness) of the services that use OpenSearch: whether
 * the cluster answers {@code GET /_cluster/health}. Unreachable, answering with an error or red, the
 * component reads {@code DEGRADED} — a status the aggregate ignores, so the service stays UP and ready:
 * orders are still taken and settled, the PostgreSQL read models and the streams stay current; only
 * the analytics indices (and so {@code /api/v1/analytics}) wait, and the search processors retry until
 * it is back (issue 9). Like {@code eventBroker} it says what is degraded instead of leaving it to the
 * logs. A check waits at most 2 s to connect and 5 s for the answer.
 */
public class SearchHealthIndicator implements HealthIndicator {

    /** OpenSearch is away; the service still does its main work. Not in the aggregate's order: it stays UP. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "OpenSearch cannot be reached: orders are still taken and settled and the PostgreSQL read models stay "
                    + "current; the analytics indices catch up once it is back");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final URI clusterHealth;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();

    /** @param url the OpenSearch node, as {@code exchange.opensearch.url} gives it */
    public SearchHealthIndicator(String url) {
        this.url = url;
        this.clusterHealth = URI.create(url.replaceAll("/+$", "") + "/_cluster/health");
    }

    @Override
    public Health health() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(clusterHealth).timeout(ANSWER_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return degraded().withDetail("httpStatus", answer.statusCode()).build();
            }
            JsonNode cluster = JSON.readTree(answer.body());
            String status = cluster.path("status").asText();
            Health.Builder health = "green".equals(status) || "yellow".equals(status) ? Health.up() : degraded();
            return health.withDetail("url", url).withDetail("cluster", cluster.path("cluster_name").asText())
                    .withDetail("clusterStatus", status).withDetail("nodes", cluster.path("number_of_nodes").asInt())
                    .build();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return degraded().build();
        } catch (Exception unreachable) {
            return degraded().withDetail("error", unreachable.getClass().getSimpleName()).build();
        }
    }

    private Health.Builder degraded() {
        return Health.status(DEGRADED).withDetail("url", url);
    }
}
