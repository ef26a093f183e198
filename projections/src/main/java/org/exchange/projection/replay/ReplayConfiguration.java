package org.exchange.projection.replay;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The data source's per-thread schema, which replays run on ({@link ReadModelSchemas}). */
@Configuration(proxyBeanMethods = false)
class ReplayConfiguration {

    /** Static: a post-processor must exist before the data source it wraps. */
    @Bean
    static BeanPostProcessor readModelSchemas() {
        return ReadModelSchemas.routing();
    }
}
