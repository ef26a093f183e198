package org.exchange.platform.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports each streaming event processor (projections, the Kafka publisher, sagas) as RUNNING,
 * RETRYING or STOPPED. A processor that stopped after start-up — for instance on a token it cannot
 * read — makes the service DOWN with the processor named, instead of a read model silently falling
 * behind. RETRYING (a dependency such as Kafka or OpenSearch is down) keeps the service UP: it is
 * degraded, not broken, and commands must still be accepted.
 */
public class EventProcessorsHealthIndicator implements HealthIndicator, ApplicationListener<ApplicationReadyEvent> {

    private final EventProcessingConfiguration processing;
    private volatile boolean started;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        started = true;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean stopped = false;
        for (Map.Entry<String, ?> entry : processing.eventProcessors().entrySet()) {
            if (entry.getValue() instanceof StreamingEventProcessor processor) {
                String state = !processor.isRunning() ? "STOPPED" : processor.isError() ? "RETRYING" : "RUNNING";
                stopped |= "STOPPED".equals(state);
                details.put(entry.getKey(), state);
            }
        }
        return (started && stopped ? Health.down() : Health.up()).withDetails(details).build();
    }
}
