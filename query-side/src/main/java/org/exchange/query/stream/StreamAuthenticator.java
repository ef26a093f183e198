package org.exchange.query.stream;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.security.KeycloakRoles;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Checks a token sent over a stream exactly like the REST API checks a bearer token: the same
 * decoder (realm keys, issuer, audience, expiry) and the same roles.
 */
@Component
public class StreamAuthenticator {

    /** The role that may read a user's own orders and balances, as on {@code GET /api/v1/orders}. */
    static final String PERSONAL_STREAMS_ROLE = "ROLE_trader";

    private final JwtDecoder decoder;
    private final KeycloakRoles roles = new KeycloakRoles();

    public StreamAuthenticator(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** @throws ExchangeException {@code UNAUTHENTICATED} for anything but a valid token */
    public Jwt authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new ExchangeException(ErrorCode.UNAUTHENTICATED, "a token is required");
        }
        try {
            return decoder.decode(token);
        } catch (JwtException invalid) {
            throw new ExchangeException(ErrorCode.UNAUTHENTICATED, "the token is not valid");
        }
    }

    /** Whether the token's user may read their own orders and balances. */
    public boolean mayReadOwnAccount(Jwt token) {
        return roles.convert(token).stream().map(GrantedAuthority::getAuthority).anyMatch(PERSONAL_STREAMS_ROLE::equals);
    }
}
