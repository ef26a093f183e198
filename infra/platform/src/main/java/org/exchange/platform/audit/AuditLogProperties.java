package org.exchange.platform.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit access log ({@code exchange.audit.access-log.*}): every request to {@code /api/v1/audit/**}
 * of a service that enables it is recorded in the schema {@code audit_log} of {@code store}.
 *
 * @param enabled whether this service serves audit endpoints and must record their use
 * @param service the name recorded with each request (defaults to {@code spring.application.name})
 * @param store   the database holding the log; every service that serves audit endpoints must point at
 *                the same one, so that auditors read one log
 */
@ConfigurationProperties("exchange.audit.access-log")
public record AuditLogProperties(boolean enabled, String service, Store store) {

    public AuditLogProperties {
        store = store == null ? new Store(null, null, null, null) : store;
    }

    /** JDBC settings; unset values fall back to the service's own {@code spring.datasource.*}. */
    public record Store(String url, String username, String password, Integer poolSize) {
    }
}
