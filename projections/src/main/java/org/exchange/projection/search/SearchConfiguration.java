package org.exchange.projection.search;

import org.exchange.platform.search.Pseudonyms;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    Pseudonyms pseudonyms(AnalyticsProperties properties) {
        return new Pseudonyms(properties.pseudonymKey());
    }
}
