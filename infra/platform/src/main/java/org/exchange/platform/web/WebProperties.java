package org.exchange.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits every service's web API applies on its own, whether or not the gateway is in front.
 *
 * @param maxBodySize the largest request body accepted (64 KiB, as at the gateway); larger is
 *                    {@code 413 PAYLOAD_TOO_LARGE}
 */
@ConfigurationProperties("exchange.web")
public record WebProperties(DataSize maxBodySize) {

    public WebProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(64) : maxBodySize;
    }
}
