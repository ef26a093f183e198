package org.exchange.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The claims a correctly signed token must carry (the signature is the decoder's, tested end to end). */
class AccessTokenRulesTest {

    private static final String ISSUER = "http://127.0.0.1:8000/realms/exchange";
    private final OAuth2TokenValidator<Jwt> rules = AccessTokenRules.of(
            new ExchangeSecurityProperties(ISSUER, "http://127.0.0.1:8180/certs", "exchange-api", List.of()));

    private static Jwt token(UnaryOperator<Jwt.Builder> change) {
        Instant now = Instant.now();
        return change.apply(Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER)
                .audience(List.of("exchange-api", "account")).subject("4f1c2a7e-0000-4000-8000-000000000001")
                .issuedAt(now.minusSeconds(10)).expiresAt(now.plusSeconds(290))).build();
    }

    private List<String> refusals(Jwt jwt) {
        return rules.validate(jwt).getErrors().stream().map(OAuth2Error::getDescription).toList();
    }

    @Test
    void aTokenOfOurRealmForOurApiNamingAUserIsAccepted() {
        assertThat(refusals(token(jwt -> jwt))).isEmpty();
    }

    @Test
    void aTokenExpiredMoreThanTheClockSkewAgoIsRefused() {
        Instant now = Instant.now();
        assertThat(refusals(token(jwt -> jwt.issuedAt(now.minusSeconds(400)).expiresAt(now.minusSeconds(61)))))
                .singleElement().asString().contains("expired");
        // within Spring's 60 s clock skew it still passes: a token lives its lifespan plus up to a minute
        assertThat(refusals(token(jwt -> jwt.issuedAt(now.minusSeconds(330)).expiresAt(now.minusSeconds(30)))))
                .isEmpty();
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertThat(refusals(token(jwt -> jwt.issuer("http://127.0.0.1:8000/realms/master")))).hasSize(1);
        assertThat(refusals(token(jwt -> jwt.issuer("http://127.0.0.1:8180/realms/exchange")))).hasSize(1);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertThat(refusals(token(jwt -> jwt.audience(List.of("account")))))
                .containsExactly("token is not meant for exchange-api");
        assertThat(refusals(token(jwt -> jwt.claims(claims -> claims.remove("aud")))))
                .containsExactly("token is not meant for exchange-api");
    }

    @Test
    void aTokenThatNamesNoUserIsRefused() {
        assertThat(refusals(token(jwt -> jwt.claims(claims -> claims.remove("sub")))))
                .containsExactly("token names no subject");
        assertThat(refusals(token(jwt -> jwt.subject(" ")))).containsExactly("token names no subject");
    }
}
