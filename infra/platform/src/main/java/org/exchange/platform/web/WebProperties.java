package org.exchange.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Limits every service's web API applies on its own, whether or not the gateway is in front.
 *
 * @param maxBodySize the largest request body accepted (64 KiB, as at the gateway); larger is
 *                    {@code 413 PAYLOAD_TOO_LARGE}
 * @param maxConcurrentRequests API requests worked on at once per process (128, below Tomcat's
 *                    200 threads); more are {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After}
 *                    ({@link ConcurrencyLimitFilter})
 * @param queueWait   how long a request beyond the limit waits for a slot before it is refused (250 ms)
 */
@ConfigurationProperties("exchange.web")
public record WebProperties(DataSize maxBodySize, Integer maxConcurrentRequests, Duration queueWait) {

    public WebProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(64) : maxBodySize;
        maxConcurrentRequests = maxConcurrentRequests == null ? 128 : maxConcurrentRequests;
        queueWait = queueWait == null ? Duration.ofMillis(250) : queueWait;
    }
}
