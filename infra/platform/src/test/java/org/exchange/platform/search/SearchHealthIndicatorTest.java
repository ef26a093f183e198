package org.exchange.platform.search;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health says when OpenSearch is away, as DEGRADED (the service stays UP and ready): against the stack's
 * real OpenSearch, and against an address where nothing listens (a refused connection, as a stopped node).
 */
class SearchHealthIndicatorTest {

    private static final String OPENSEARCH = System.getenv().getOrDefault("EXCHANGE_OPENSEARCH_URL", "http://127.0.0.1:9200");

    @Test
    void aClusterThatAnswersIsUp() {
        Health health = new SearchHealthIndicator(OPENSEARCH).health();

        assertThat(health.getStatus()).as(health.toString()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("clusterStatus")).isIn("green", "yellow");
        assertThat((Integer) health.getDetails().get("nodes")).isPositive();
    }

    @Test
    void aNodeThatRefusesConnectionsIsDegradedAndSaysWhatStillWorks() throws IOException {
        Health health = new SearchHealthIndicator("http://127.0.0.1:" + closedPort()).health();

        assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(health.getStatus().getDescription()).contains("orders are still taken and settled");
        assertThat(health.getDetails()).containsKey("error");
        assertThat(new SimpleStatusAggregator().getAggregateStatus(Status.UP, health.getStatus()))
                .as("the service (and its readiness) stays UP").isEqualTo(Status.UP);
    }

    /** A port nothing listens on: taken from the system, then given back. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
