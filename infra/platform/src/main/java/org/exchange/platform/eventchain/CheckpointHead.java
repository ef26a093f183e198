package org.exchange.platform.eventchain;

/** An aggregate's latest sealed event as a checkpoint saw it. */
public record CheckpointHead(String aggregateIdentifier, long sequenceNumber, byte[] seal) {
}
