package org.exchange.query.order;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long {@code GET /api/v1/orders/{id}} waits for an order the projection has not shown yet.
 *
 * @param maxWait       the longest wait before answering 404 (the projection's usual lag is tens of ms)
 * @param pollInterval how often the read model is asked again meanwhile
 * @param maxWaiting   requests allowed to wait at once; beyond that an unknown order is answered at once
 */
@Validated
@ConfigurationProperties("exchange.query.fresh-order")
record FreshOrderProperties(@NotNull Duration maxWait, @NotNull Duration pollInterval, @Min(0) int maxWaiting) {
}
