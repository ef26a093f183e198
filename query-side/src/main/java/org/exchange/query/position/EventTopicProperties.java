package org.exchange.query.position;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param bootstrapServers Kafka, e.g. {@code 127.0.0.1:9092}
 * @param topic            the event topic the projections read
 */
@Validated
@ConfigurationProperties("exchange.events")
public record EventTopicProperties(@NotBlank String bootstrapServers, @NotBlank String topic) {
}
