package org.exchange.platform.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Problem details for every service with a web API, and the rules every such API applies to what it
 * is sent: strict JSON ({@link StrictJson}), a bounded body ({@link RequestBodyLimitFilter}),
 * a bounded number of requests worked on at once ({@link ConcurrencyLimitFilter}), a query
 * string that parses ({@link QueryStringFilter}), and
 * problem documents also where Spring MVC is not involved: the container's error page
 * ({@link ProblemErrorController}) and Tomcat's own refusals ({@link ProblemReportValve}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@EnableConfigurationProperties(WebProperties.class)
@Import({ProblemDetailsAdvice.class, ProblemErrorController.class})
public class WebAutoConfiguration {

    @Bean
    ProblemWriter problemWriter() {
        return new ProblemWriter();
    }

    @Bean
    JsonFactoryBuilderCustomizer strictJsonLimits() {
        return StrictJson.factoryCustomizer();
    }

    @Bean
    JsonMapperBuilderCustomizer strictJsonMapping() {
        return StrictJson.mapperCustomizer();
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties properties, ProblemWriter problems) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxBodySize().toBytes(), problems));
        // before Spring Security: a body too large is refused before anyone looks at the token
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilter(WebProperties properties, ProblemWriter problems) {
        FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(
                new ConcurrencyLimitFilter(properties.maxConcurrentRequests(), properties.queueWait(), problems));
        // first of all: an overloaded process refuses before it spends anything on the request
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<QueryStringFilter> queryStringFilter(ProblemWriter problems) {
        FilterRegistrationBean<QueryStringFilter> registration = new FilterRegistrationBean<>(new QueryStringFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ErrorReportValve.class, TomcatServletWebServerFactory.class})
    static class TomcatProblems {

        /** Runs after Boot's customizer, which adds its own (HTML) error report valve to the host. */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
            return new WebServerFactoryCustomizer<>() {
                @Override
                public void customize(TomcatServletWebServerFactory factory) {
                    factory.addContextCustomizers(context -> {
                        Host host = (Host) context.getParent();
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        if (host instanceof StandardHost standard) {
                            standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                        }
                        host.getPipeline().addValve(new ProblemReportValve());
                    });
                }
            };
        }
    }
}
