package org.exchange.projection.search;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param pseudonymKey the HMAC key that turns account ids into the pseudonyms of the analytics indices
 *                     ({@code EXCHANGE_ANALYTICS_PSEUDONYM_KEY}; generated into {@code .run/secrets} by
 *                     {@code ./exchange}). Changing it changes every pseudonym: replay the search projections.
 */
@Validated
@ConfigurationProperties("exchange.analytics")
public record AnalyticsProperties(@NotBlank @Size(min = 16) String pseudonymKey) {
}
