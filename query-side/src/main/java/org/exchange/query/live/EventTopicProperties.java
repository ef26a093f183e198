package org.exchange.query.live;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Where the query side reads the event topic that feeds order books and live streams.
 *
 * @param bootstrapServers Kafka's bootstrap servers
 * @param topic            the event topic ({@code exchange.events})
 * @param pollTimeout      how long one poll waits for records
 * @param progressInterval how often progress is logged while catching up
 */
@Validated
@ConfigurationProperties("exchange.events")
public record EventTopicProperties(@NotBlank String bootstrapServers, @NotBlank String topic,
                                   Duration pollTimeout, Duration progressInterval) {

    public EventTopicProperties {
        pollTimeout = pollTimeout == null ? Duration.ofMillis(200) : pollTimeout;
        progressInterval = progressInterval == null ? Duration.ofSeconds(10) : progressInterval;
    }
}
