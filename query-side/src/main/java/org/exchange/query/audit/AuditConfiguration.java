package org.exchange.query.audit;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auditor's read-only way into the event store (issue 8): a small pool of its own, next to the
 * read-model pool, which stays the query side's default {@code DataSource} (this one is not a default
 * candidate: it is injected only by its name, and Boot's auto-configured pool does not back off).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    @Bean(defaultCandidate = false)
    @Qualifier("eventStoreDataSource")
    HikariDataSource eventStoreDataSource(AuditProperties properties) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("event-store");
        pool.setJdbcUrl(properties.eventStore().url());
        pool.setUsername(properties.eventStore().username());
        pool.setPassword(properties.eventStore().password());
        pool.setReadOnly(true);
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(0);
        return pool;
    }
}
