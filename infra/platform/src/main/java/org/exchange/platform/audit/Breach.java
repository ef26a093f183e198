package org.exchange.platform.audit;

/**
 * One finding of the verifier, with where it is.
 *
 * @param check       which check found it ({@link Check})
 * @param kind        what it found, e.g. {@code EDITED}, {@code DELETED}, {@code INSERTED}, {@code NEGATIVE_BALANCE}
 * @param position    the event-store position (global index) it concerns; {@code null} if none
 * @param aggregateId the aggregate it concerns; {@code null} if none
 * @param sequence    the aggregate sequence number; {@code null} if none
 * @param eventId     the event identifier; {@code null} if none (or unknown, e.g. a row deleted with its seal)
 * @param detail      a sentence for a human
 */
public record Breach(Check check, String kind, Long position, String aggregateId, Long sequence, String eventId,
                     String detail) {

    /** The checks, as the report names them. */
    public enum Check {
        /** Seals and signed checkpoints: rows edited, deleted or inserted outside the command side. */
        TAMPER_EVIDENCE,
        /** Every aggregate's sequence numbers run 0, 1, 2… without gaps. */
        SEQUENCE_CONTINUITY,
        /** Per asset: balances plus fees collected equal deposits, at every settled position. */
        CONSERVATION,
        /** No balance below zero; every event's stated balances equal the replayed ones. */
        BALANCES,
        /** Every trade settled exactly once, on both sides. */
        SETTLEMENT,
        /** Every order's fills add up to its filled quantity, its holds to its debits and release. */
        ORDERS,
        /** The PostgreSQL read models (balances, orders) equal the replayed state. */
        READ_MODELS,
        /** An event the verifier could not read. */
        READABILITY
    }

    static Breach at(Check check, String kind, EventRef event, String detail) {
        return new Breach(check, kind, event.position(), event.aggregateId(), event.sequence(), event.eventId(), detail);
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder();
        if (position != null) {
            where.append(" position ").append(position);
        }
        if (aggregateId != null) {
            where.append(" aggregate ").append(aggregateId);
        }
        if (sequence != null) {
            where.append(" sequence ").append(sequence);
        }
        if (eventId != null) {
            where.append(" event ").append(eventId);
        }
        return check + " " + kind + ":" + where + " — " + detail;
    }
}
