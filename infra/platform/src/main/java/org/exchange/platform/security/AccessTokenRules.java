package org.exchange.platform.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What a signed token must also say to be let in (the signature itself is checked against the
 * realm's keys before these run): not expired and already valid ({@code exp}, {@code nbf}, with
 * Spring's 60 s clock skew), issued by our realm ({@code iss}), meant for our API ({@code aud}), and
 * naming a user ({@code sub}: accounts are keyed by it, ADR 0007; a token without one, from a client
 * without Keycloak's {@code basic} scope, would otherwise reach the controllers with no account).
 */
final class AccessTokenRules {

    private AccessTokenRules() {
    }

    static OAuth2TokenValidator<Jwt> of(ExchangeSecurityProperties properties) {
        OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null
                && jwt.getAudience().contains(properties.audience())
                ? OAuth2TokenValidatorResult.success()
                : refused("token is not meant for " + properties.audience());
        OAuth2TokenValidator<Jwt> subject = jwt -> jwt.getSubject() != null && !jwt.getSubject().isBlank()
                ? OAuth2TokenValidatorResult.success()
                : refused("token names no subject");
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuerUri()), audience, subject);
    }

    private static OAuth2TokenValidatorResult refused(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", why, null));
    }
}
