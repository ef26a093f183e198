package org.exchange.platform.security;

import java.util.Set;

/**
 * Who is calling, however they proved it: a Keycloak token, or a trader's API key with a signed
 * request. Controllers take this as their {@code @AuthenticationPrincipal} and never look at the
 * credential itself, so every endpoint treats both routes the same.
 *
 * @param accountId the immutable Keycloak user id ({@code sub}); accounts are keyed by it (ADR 0007)
 * @param username  the user's login name, for logs and answers only
 * @param roles     realm roles (trader, auditor, analyst, admin)
 * @param apiKeyId  the id of the API key that signed the request, or {@code null} for a token
 */
public record Caller(String accountId, String username, Set<String> roles, String apiKeyId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean viaApiKey() {
        return apiKeyId != null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
