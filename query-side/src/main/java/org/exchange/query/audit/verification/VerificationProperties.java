package org.exchange.query.audit.verification;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the verifier needs to check the event store's seals and checkpoints (ADR 0019): the seal key
 * (the command side's HMAC key: a verifier must recompute seals) and the checkpoint public key (only
 * the public half: the query side cannot sign a checkpoint).
 */
@Validated
@ConfigurationProperties("exchange.audit.verification")
public record VerificationProperties(@NotBlank String sealKey, @NotBlank String checkpointPublicKey) {
}
