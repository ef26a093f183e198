package org.exchange.platform.search;

import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.net.URISyntaxException;

/**
 * The OpenSearch client and the analytics indices for every service that has opensearch-java on its
 * class path and says where OpenSearch is ({@code exchange.opensearch.url}): the projections write
 * the indices, the query side reads them, and both must agree on names and mappings.
 */
@AutoConfiguration
@ConditionalOnClass(OpenSearchClient.class)
@ConditionalOnProperty("exchange.opensearch.url")
@EnableConfigurationProperties(OpenSearchProperties.class)
public class OpenSearchAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenSearchClient openSearchClient(OpenSearchProperties properties) throws URISyntaxException {
        HttpHost host = HttpHost.create(properties.url());
        return new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper())
                // httpclient5 5.6 decompresses responses itself; opensearch-java 3.4 then tries again
                // and fails with "Not in GZIP format" on every call. Let only the transport do it.
                .setHttpClientConfigCallback(client -> client.disableContentCompression())
                .build());
    }

    @Bean
    @ConditionalOnMissingBean
    AnalyticsIndices analyticsIndices(OpenSearchClient client, OpenSearchProperties properties) {
        return new AnalyticsIndices(client, properties.indexPrefix());
    }
}
