package org.exchange.projection.ledger;

import org.exchange.platform.search.DecimalUnits;
import org.exchange.platform.search.Pseudonyms;
import org.exchange.api.account.ledger.LedgerPostings;
import org.exchange.api.account.ledger.Posting;

import java.time.Instant;

/**
 * One posting of the double-entry ledger as indexed for analysts. Traders' and fee accounts appear
 * as pseudonyms; the system accounts ({@code external:deposits}, {@code clearing:<trade>}) by name, as
 * they belong to no one.
 *
 * @param amount       signed: positive credits, negative debits
 * @param balanceAfter the bucket's balance after the posting; {@code null} for system accounts
 * @param sequence     the sequence number of the event within its aggregate
 */
record LedgerDocument(
        String eventId,
        long leg,
        String account,
        String asset,
        String bucket,
        String kind,
        String reference,
        String amount,
        long amountUnits,
        String balanceAfter,
        Long balanceAfterUnits,
        long sequence,
        String occurredAt) {

    /** The document id: a posting is its event's leg. */
    static String id(String eventId, Posting posting) {
        return eventId + ":" + posting.leg();
    }

    static LedgerDocument of(String eventId, long sequence, Instant occurredAt, Posting posting,
                             Pseudonyms pseudonyms) {
        return new LedgerDocument(
                eventId,
                posting.leg(),
                isSystemAccount(posting.account()) ? posting.account() : pseudonyms.of(posting.account()),
                posting.asset(),
                posting.bucket().name(),
                posting.kind().name(),
                posting.reference(),
                posting.amount().toPlainString(),
                DecimalUnits.of(posting.amount()),
                posting.balanceAfter() == null ? null : posting.balanceAfter().toPlainString(),
                DecimalUnits.ofNullable(posting.balanceAfter()),
                sequence,
                occurredAt.toString());
    }

    private static boolean isSystemAccount(String account) {
        return account.equals(LedgerPostings.DEPOSITS) || account.startsWith(LedgerPostings.CLEARING_PREFIX);
    }
}
