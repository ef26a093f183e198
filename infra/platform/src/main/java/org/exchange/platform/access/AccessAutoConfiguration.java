package org.exchange.platform.access;

import org.exchange.platform.jdbc.OwnPool;
import org.exchange.platform.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.time.Clock;

/**
 * API keys and rate limits, for the services that serve traders ({@code exchange.access.enabled}).
 * The security chain ({@code SecurityAutoConfiguration}) picks the two filters up when they exist.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "exchange.access", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(AccessProperties.class)
public class AccessAutoConfiguration {

    @Bean(destroyMethod = "close")
    AccessStore accessStore(AccessProperties properties, Environment environment) {
        AccessProperties.Store store = properties.store();
        return new AccessStore(OwnPool.Target.orServiceDatabase(store.url(), store.username(), store.password(),
                environment), store.poolSize() != null ? store.poolSize() : 4);
    }

    @Bean
    ApiKeys apiKeys(AccessStore store, AccessProperties properties) {
        return new ApiKeys(store, new SecretBox(properties.masterKey()), properties.maxKeysPerAccount());
    }

    /** Checks signed requests, for the REST filter and for the WebSocket API. */
    @Bean
    ApiKeyVerifier apiKeyVerifier(ApiKeys keys, AccessProperties properties) {
        return new ApiKeyVerifier(keys, properties.maxRecvWindow(), Clock.systemUTC());
    }

    /**
     * The two filters, for the security chain to place; not beans of their own, or Spring Boot
     * would also run them outside the chain.
     */
    @Bean
    AccessFilters accessFilters(ApiKeyVerifier verifier, AccessStore store, AccessProperties properties,
                                ObjectProvider<ProblemWriter> problemWriter) {
        ProblemWriter problems = problemWriter.getIfAvailable(ProblemWriter::new);
        return new AccessFilters(
                new SignedRequests(verifier, problems),
                new RateLimits(new RateLimiter(store), properties.limits(), problems));
    }
}
