package org.exchange.query.analytics;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param maxSize the largest {@code size} (hits, terms buckets) an analyst's query may ask for
 * @param timeout how long OpenSearch works on one analytics query: it then answers what it has, marked
 *                {@code timed_out}, and cancels the search at twice this
 */
@Validated
@ConfigurationProperties("exchange.analytics")
record AnalyticsProperties(@Min(1) @Max(10_000) int maxSize, @NotNull Duration timeout) {
}
