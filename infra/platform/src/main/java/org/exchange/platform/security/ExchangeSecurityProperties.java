package org.exchange.platform.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * How services trust Keycloak's tokens.
 *
 * @param issuerUri   the exact {@code iss} every token must carry (the gateway's view of the realm)
 * @param jwkSetUri   where the signing keys are fetched (Keycloak directly, so validation does not
 *                    depend on the gateway)
 * @param audience    a value the token's {@code aud} must contain
 * @param publicPaths Ant-style paths that need no token (health, public market data)
 */
@Validated
@ConfigurationProperties("exchange.security")
public record ExchangeSecurityProperties(
        @NotBlank String issuerUri,
        @NotBlank String jwkSetUri,
        @NotBlank String audience,
        List<String> publicPaths) {

    public ExchangeSecurityProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
