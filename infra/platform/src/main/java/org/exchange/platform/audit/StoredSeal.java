package org.exchange.platform.audit;

/** A row of {@code event_seal}: what the command side sealed at a position. */
record StoredSeal(long position, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                  byte[] previousSeal, byte[] seal) {
}
