package org.exchange.query.stream;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Limits and pacing of the live streams.
 *
 * @param maxQueuedMessages messages a connection may have waiting to be sent before it is
 *                          disconnected as too slow
 * @param maxQueuedChars    characters a connection may have waiting (bounds its memory whatever the
 *                          message sizes)
 * @param maxSubscriptions  channels one connection may subscribe to
 * @param depthBatch        how long depth changes are gathered into one diff per market
 * @param tickerInterval    at most one ticker per market per this interval
 * @param apiKeyCheck       how often the API keys of Binance user data streams are checked again: a
 *                          revoked key's stream ends within this time
 */
@Validated
@ConfigurationProperties("exchange.streams")
public record StreamProperties(@Positive Integer maxQueuedMessages, @Positive Long maxQueuedChars,
                               @Positive Integer maxSubscriptions, Duration depthBatch, Duration tickerInterval, Duration apiKeyCheck) {

    public StreamProperties {
        maxQueuedMessages = maxQueuedMessages == null ? 1_024 : maxQueuedMessages;
        maxQueuedChars = maxQueuedChars == null ? 4_000_000L : maxQueuedChars;
        maxSubscriptions = maxSubscriptions == null ? 100 : maxSubscriptions;
        depthBatch = depthBatch == null ? Duration.ofMillis(100) : depthBatch;
        tickerInterval = tickerInterval == null ? Duration.ofSeconds(1) : tickerInterval;
        apiKeyCheck = apiKeyCheck == null ? Duration.ofSeconds(5) : apiKeyCheck;
    }
}
