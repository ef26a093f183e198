package org.exchange.platform.security;

import org.exchange.api.common.ErrorCode;
import org.exchange.platform.access.AccessFilters;
import org.exchange.platform.audit.AuditAccessLogAutoConfiguration.AuditAccessLogFilters;
import org.exchange.platform.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.util.Collection;

/**
 * Every service is an OAuth2 resource server for Keycloak's realm (Keycloak's own Spring adapter
 * is end-of-life, see docs/adr/0003). A token must be signed by the realm's keys, unexpired, from
 * the configured issuer and meant for our audience. Authorisation per endpoint is declared on the
 * controllers with {@code @PreAuthorize}; anything not listed as public needs a valid token.
 */
@AutoConfiguration
@EnableMethodSecurity
@EnableConfigurationProperties(ExchangeSecurityProperties.class)
public class SecurityAutoConfiguration {

    private static final String[] ALWAYS_PUBLIC = {
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error"
    };

    @Bean
    JwtDecoder jwtDecoder(ExchangeSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        decoder.setJwtValidator(AccessTokenRules.of(properties));
        return decoder;
    }

    /**
     * URLs Spring Security's firewall refuses ({@code ;jsessionid=}, {@code /../}, encoded slashes or
     * control characters Tomcat let through): a 400 problem instead of an exception for the container.
     */
    @Bean
    RequestRejectedHandler rejectedUrls(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(request, response, ErrorCode.MALFORMED_REQUEST,
                "the request URL is not allowed (path parameters, dot segments or encoded separators)");
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ExchangeSecurityProperties properties,
                                    ProblemWriter problems, ObjectProvider<AccessFilters> access,
                                    ObjectProvider<AuditAccessLogFilters> auditLog) throws Exception {
        KeycloakRoles roles = new KeycloakRoles();
        Converter<Jwt, CallerAuthentication> authentication = jwt -> {
            Collection<GrantedAuthority> authorities = roles.convert(jwt);
            return new CallerAuthentication(new Caller(jwt.getSubject(), jwt.getClaimAsString("preferred_username"),
                    KeycloakRoles.names(authorities), null), authorities, jwt);
        };
        AuthenticationEntryPoint unauthenticated = (request, response, failure) ->
                problems.write(request, response, ErrorCode.UNAUTHENTICATED, "a valid bearer token is required");
        AccessDeniedHandler forbidden = (request, response, denied) ->
                problems.write(request, response, ErrorCode.FORBIDDEN, "your role does not allow this");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(ALWAYS_PUBLIC).permitAll()
                        .requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden));
        access.ifAvailable(filters -> http
                .addFilterBefore(filters.signedRequests(), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(filters.rateLimits(), BearerTokenAuthenticationFilter.class));
        // inside the security context, so the caller is still known once the answer is written, and
        // outside authentication, so that refused requests are recorded too
        auditLog.ifAvailable(log -> http.addFilterAfter(log.filter(), SecurityContextHolderFilter.class));
        return http.build();
    }
}
