package org.exchange.query.position;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param maxWait      how long a read with {@code minPosition} waits for the projection at most
 * @param pollInterval how often it looks again meanwhile
 */
@Validated
@ConfigurationProperties("exchange.query.read-position")
public record ReadPositionProperties(@NotNull Duration maxWait, @NotNull Duration pollInterval) {
}
