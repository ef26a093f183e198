package org.exchange.query.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code exchange.audit.event-store.url|username|password}: the event store, read only. */
@Validated
@ConfigurationProperties("exchange.audit")
public record AuditProperties(@Valid @NotNull EventStore eventStore) {

    public record EventStore(@NotBlank String url, @NotBlank String username, String password) {
    }
}
