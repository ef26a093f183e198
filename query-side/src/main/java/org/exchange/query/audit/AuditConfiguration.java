package org.exchange.query.audit;

import org.exchange.platform.jdbc.OwnPool;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The auditors' view of the event store ({@code exchange.audit.event-store.*}; unset: the service's own
 * database, as in tests): its own small pool, read-only at the connection, so the
 * audit API can never write an event. Not a default candidate: the service's main data source (the
 * read models) stays the one Spring Boot configures and injects.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    public static final String EVENT_STORE = "eventStoreDataSource";

    @Bean(name = EVENT_STORE, destroyMethod = "close", defaultCandidate = false)
    DataSource eventStoreDataSource(AuditProperties properties, Environment environment) {
        AuditProperties.EventStore store = properties.eventStore();
        return OwnPool.open("audit-event-store", OwnPool.Target.orServiceDatabase(store.url(), store.username(),
                        store.password(), environment), store.poolSize() == null ? 4 : store.poolSize(),
                Duration.ofSeconds(5), null, true);
    }
}
