package org.exchange.systemtest;

import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The stack the system tests drive: its gateway, and Keycloak directly (admin) and through the gateway (tokens). */
final class RunningStack {

    static final RealComponents COMPONENTS = RealComponents.current();
    static final String GATEWAY = System.getenv().getOrDefault("EXCHANGE_GATEWAY_URL", "http://127.0.0.1:8000");
    static final ApiClient API = new ApiClient(GATEWAY);
    /** Keycloak's admin API: creates and deletes users. */
    static final Keycloak ADMIN = new Keycloak(COMPONENTS);
    /** Tokens as clients get them, through the gateway (the issuer the services accept). */
    static final Keycloak GATEWAY_TOKENS = new Keycloak(COMPONENTS.withKeycloakUrl(GATEWAY));

    /** The demo markets' fee rate (./exchange's demo setup): 0.1 % for maker and taker. */
    static final BigDecimal DEMO_FEE_RATE = new BigDecimal("0.001");

    private RunningStack() {
    }

    /** The fee of a trade of {@code value} (USDT) in a demo market: rounded down to USDT's 8 decimals. */
    static BigDecimal demoFee(BigDecimal value) {
        return value.multiply(DEMO_FEE_RATE).setScale(8, RoundingMode.DOWN);
    }
}
