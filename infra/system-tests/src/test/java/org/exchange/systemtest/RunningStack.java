package org.exchange.systemtest;

import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;

/** The stack the system tests drive: its gateway, and Keycloak directly (admin) and through the gateway (tokens). */
final class RunningStack {

    static final RealComponents COMPONENTS = RealComponents.current();
    static final String GATEWAY = System.getenv().getOrDefault("EXCHANGE_GATEWAY_URL", "http://127.0.0.1:8000");
    static final ApiClient API = new ApiClient(GATEWAY);
    /** Keycloak's admin API: creates and deletes users. */
    static final Keycloak ADMIN = new Keycloak(COMPONENTS);
    /** Tokens as clients get them, through the gateway (the issuer the services accept). */
    static final Keycloak GATEWAY_TOKENS = new Keycloak(COMPONENTS.withKeycloakUrl(GATEWAY));

    private RunningStack() {
    }
}
