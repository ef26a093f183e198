package org.exchange.projection.ledger;

import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URISyntaxException;

@Configuration(proxyBeanMethods = false)
class OpenSearchConfiguration {

    @Bean
    OpenSearchClient openSearchClient(OpenSearchProperties properties) throws URISyntaxException {
        HttpHost host = HttpHost.create(properties.url());
        return new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper())
                // httpclient5 5.6 decompresses responses itself; opensearch-java 3.4 then tries again
                // and fails with "Not in GZIP format" on every call. Let only the transport do it.
                .setHttpClientConfigCallback(client -> client.disableContentCompression())
                .build());
    }
}
