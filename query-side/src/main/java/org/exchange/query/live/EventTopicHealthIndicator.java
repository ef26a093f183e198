package org.exchange.query.live;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Out of service until the event topic has been read up to the end offsets seen at start: before
 * that, order books and streams show an old state. Part of readiness (not liveness).
 */
@Component("eventTopic")
class EventTopicHealthIndicator implements HealthIndicator {

    private final EventTopicReader reader;

    EventTopicHealthIndicator(EventTopicReader reader) {
        this.reader = reader;
    }

    @Override
    public Health health() {
        EventTopicReader.Status status = reader.status();
        Health.Builder health = status.caughtUp() ? Health.up() : Health.outOfService();
        health.withDetail("caughtUp", status.caughtUp()).withDetail("recordsRead", status.recordsRead());
        if (!status.caughtUp()) {
            health.withDetail("offsetsBehind", status.offsetsBehind());
        } else {
            health.withDetail("catchUpMillis", status.catchUp().toMillis());
        }
        return health.build();
    }
}
