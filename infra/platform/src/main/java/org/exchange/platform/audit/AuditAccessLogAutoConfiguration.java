package org.exchange.platform.audit;

import org.exchange.platform.jdbc.OwnPool;
import org.exchange.platform.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.time.Clock;

/**
 * The audit access log, for every service that serves {@code /api/v1/audit/**}
 * ({@code exchange.audit.access-log.enabled=true}). The security chain ({@code SecurityAutoConfiguration})
 * places the filter when it exists.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "exchange.audit.access-log", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(AuditLogProperties.class)
public class AuditAccessLogAutoConfiguration {

    @Bean(destroyMethod = "close")
    AuditAccessLog auditAccessLog(AuditLogProperties properties, Environment environment) {
        AuditLogProperties.Store store = properties.store();
        String service = properties.service() != null ? properties.service()
                : environment.getProperty("spring.application.name", "unknown");
        return new AuditAccessLog(OwnPool.Target.orServiceDatabase(store.url(), store.username(), store.password(),
                environment), store.poolSize() != null ? store.poolSize() : 2, service);
    }

    /** For the security chain to place; not a bean of its own kind, or Spring Boot would also run it outside the chain. */
    @Bean
    AuditAccessLogFilters auditAccessLogFilters(AuditAccessLog log, ObjectProvider<ProblemWriter> problemWriter) {
        return new AuditAccessLogFilters(new AuditAccessLogFilter(log, problemWriter.getIfAvailable(ProblemWriter::new),
                Clock.systemUTC()));
    }

    /** Holder, so the filter is not registered as a servlet filter by Spring Boot. */
    public record AuditAccessLogFilters(AuditAccessLogFilter filter) {
    }
}
