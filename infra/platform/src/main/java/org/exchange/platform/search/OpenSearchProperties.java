package org.exchange.platform.search;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param url         the OpenSearch node, e.g. {@code http://127.0.0.1:9200}
 * @param indexPrefix prefix of every index and alias this service owns (tests use their own)
 */
@Validated
@ConfigurationProperties("exchange.opensearch")
public record OpenSearchProperties(@NotBlank String url, @NotBlank String indexPrefix) {
}
