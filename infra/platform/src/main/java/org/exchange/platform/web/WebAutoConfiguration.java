package org.exchange.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Problem details for every service with a web API. */
@AutoConfiguration
@Import(ProblemDetailsAdvice.class)
public class WebAutoConfiguration {

    @Bean
    ProblemWriter problemWriter() {
        return new ProblemWriter();
    }
}
