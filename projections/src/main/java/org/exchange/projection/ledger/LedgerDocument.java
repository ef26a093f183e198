package org.exchange.projection.ledger;

/**
 * One balance movement as indexed for analysts. Decimal values are strings so no reader rounds
 * them through a double; {@code amountUnits} is the amount in the asset's smallest unit.
 */
public record LedgerDocument(
        String eventId,
        String accountId,
        String kind,
        String asset,
        String amount,
        long amountUnits,
        int scale,
        String availableAfter,
        long sequence,
        String occurredAt) {
}
