package org.exchange.command.identity;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the command side looks users up in Keycloak: as the confidential client
 * {@code exchange-command}, whose service account may only view and query users.
 */
@Validated
@ConfigurationProperties("exchange.identity")
public record KeycloakProperties(
        @NotBlank String keycloakUrl,
        @NotBlank String realm,
        @NotBlank String clientId,
        String clientSecret) {
}
