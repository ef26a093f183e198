package org.exchange.platform.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health says when the event broker is away, as DEGRADED (the service stays UP): against the stack's
 * real Kafka, and against an address where nothing listens (a refused connection, as a stopped broker).
 */
class EventBrokerHealthIndicatorTest {

    private static final String KAFKA = System.getenv().getOrDefault("EXCHANGE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");

    @Test
    void aReachableBrokerIsUp() throws Exception {
        EventBrokerHealthIndicator indicator = new EventBrokerHealthIndicator(KAFKA);
        try {
            Health health = indicator.health();
            assertThat(health.getStatus()).as(health.toString()).isEqualTo(Status.UP);
            assertThat((Integer) health.getDetails().get("brokers")).isPositive();
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void aBrokerThatRefusesConnectionsIsDegradedAndSaysWhatStillWorks() throws Exception {
        EventBrokerHealthIndicator indicator = new EventBrokerHealthIndicator("127.0.0.1:" + closedPort());
        try {
            Health health = indicator.health();
            assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
            assertThat(health.getStatus().getDescription()).contains("orders are still taken and settled");
            assertThat(health.getDetails()).containsKey("error");
            assertThat(new SimpleStatusAggregator().getAggregateStatus(Status.UP, health.getStatus()))
                    .as("the service (and its readiness) stays UP").isEqualTo(Status.UP);
        } finally {
            indicator.destroy();
        }
    }

    /** A port nothing listens on: taken from the system, then given back. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
