package org.exchange.platform.audit;

import org.exchange.platform.eventchain.CheckpointHead;

import java.util.List;

/** A row of {@code event_checkpoint} with its heads, as stored (not yet verified). */
record StoredCheckpoint(long number, long position, byte[] previousDigest, byte[] digest, byte[] signature,
                        List<CheckpointHead> heads) {
}
