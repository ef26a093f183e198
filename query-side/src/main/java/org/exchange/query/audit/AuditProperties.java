package org.exchange.query.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the auditors' API reads the event store ({@code exchange.audit.*}).
 *
 * @param eventStore      the event store's database (the {@code exchange} database), read through a
 *                        small read-only pool of its own; unset values fall back to {@code spring.datasource.*}
 * @param exportFetchSize rows an export fetches from the server-side cursor at a time (memory stays
 *                        bounded by it, whatever the export's size)
 * @param maxPageSize     the largest {@code limit} of a page of events
 */
@ConfigurationProperties("exchange.audit")
public record AuditProperties(EventStore eventStore, Integer exportFetchSize, Integer maxPageSize) {

    public AuditProperties {
        eventStore = eventStore == null ? new EventStore(null, null, null, null) : eventStore;
        exportFetchSize = exportFetchSize == null ? 1000 : exportFetchSize;
        maxPageSize = maxPageSize == null ? 1000 : maxPageSize;
    }

    public record EventStore(String url, String username, String password, Integer poolSize) {
    }
}
