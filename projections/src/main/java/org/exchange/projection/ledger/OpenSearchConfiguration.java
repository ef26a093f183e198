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
                .build());
    }
}
