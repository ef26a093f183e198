package org.exchange.platform.search;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@code search} health ({@link SearchHealthIndicator}) in every service that says where OpenSearch is
 * ({@code exchange.opensearch.url}): the projections, which write the analytics indices, and the query
 * side, which reads them.
 */
@AutoConfiguration
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnProperty("exchange.opensearch.url")
public class SearchHealthAutoConfiguration {

    @Bean
    SearchHealthIndicator searchHealthIndicator(@Value("${exchange.opensearch.url}") String url) {
        return new SearchHealthIndicator(url);
    }
}
