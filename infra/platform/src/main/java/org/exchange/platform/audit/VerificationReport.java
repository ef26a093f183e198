package org.exchange.platform.audit;

import java.time.Duration;
import java.util.List;

/**
 * What a verification found.
 *
 * @param endPosition              the last position it covers (the store's highest when it started)
 * @param events                   events verified
 * @param checkpoints              signed checkpoints verified
 * @param lastCheckpointPosition   the position the newest checkpoint covers (0 if none): later events are
 *                                 protected by their seals, but the deletion of the newest of them is not
 *                                 detectable until a checkpoint covers them
 * @param lastCheckpointDigest     hex digest of the newest checkpoint, to compare with a copy kept elsewhere
 * @param notes                    what was not a breach but is worth knowing (skipped comparisons, pending settlements)
 * @param breaches                 every breach found, in the order found
 */
public record VerificationReport(long endPosition, long events, long checkpoints, long lastCheckpointPosition,
                                 String lastCheckpointDigest, List<String> notes, List<Breach> breaches,
                                 Duration took) {

    public boolean clean() {
        return breaches.isEmpty();
    }
}
