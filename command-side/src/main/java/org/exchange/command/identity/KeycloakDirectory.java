package org.exchange.command.identity;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks users up through Keycloak's admin REST API with a client-credentials token. */
@Component
class KeycloakDirectory implements IdentityDirectory {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> USERS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> TOKEN = new ParameterizedTypeReference<>() {
    };

    private final RestClient http;
    private final KeycloakProperties properties;
    private final Clock clock;
    private ServiceToken token;

    KeycloakDirectory(RestClient.Builder builder, KeycloakProperties properties) {
        this.http = builder.baseUrl(properties.keycloakUrl()).build();
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Optional<User> findByUsername(String username) {
        try {
            List<Map<String, Object>> found = http.get()
                    .uri("/admin/realms/{realm}/users?exact=true&briefRepresentation=true&username={username}",
                            properties.realm(), username)
                    .headers(headers -> headers.setBearerAuth(serviceToken()))
                    .retrieve()
                    .body(USERS);
            return found == null ? Optional.empty() : found.stream()
                    .filter(user -> username.equals(user.get("username")))
                    .findFirst()
                    .map(user -> new User((String) user.get("id"), username, Boolean.TRUE.equals(user.get("enabled"))));
        } catch (RestClientException unreachable) {
            throw new ExchangeException(ErrorCode.SERVICE_UNAVAILABLE, "the identity provider cannot be reached; retry later");
        }
    }

    private synchronized String serviceToken() {
        Instant now = clock.instant();
        if (token == null || now.isAfter(token.refreshAt())) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "client_credentials");
            form.add("client_id", properties.clientId());
            form.add("client_secret", properties.clientSecret());
            Map<String, Object> issued = http.post()
                    .uri("/realms/{realm}/protocol/openid-connect/token", properties.realm())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve()
                    .body(TOKEN);
            if (issued == null || !(issued.get("access_token") instanceof String accessToken)) {
                throw new RestClientException("Keycloak issued no access token");
            }
            long lifetime = issued.get("expires_in") instanceof Number seconds ? seconds.longValue() : 60;
            // renew well before expiry so a token never lapses between check and use
            token = new ServiceToken(accessToken, now.plusSeconds(Math.max(5, lifetime / 2)));
        }
        return token.value();
    }

    private record ServiceToken(String value, Instant refreshAt) {
    }
}
