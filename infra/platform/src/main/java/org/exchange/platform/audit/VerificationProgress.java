package org.exchange.platform.audit;

/** Told as the verifier reads the event store (every few thousand events, and at the end). */
@FunctionalInterface
public interface VerificationProgress {

    /**
     * @param position    the position of the event just read
     * @param endPosition the last position this verification covers
     * @param events      events read so far
     * @param totalEvents events this verification covers
     */
    void progress(long position, long endPosition, long events, long totalEvents);
}
