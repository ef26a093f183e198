package org.exchange.api.account.ledger;

import java.math.BigDecimal;

/**
 * One leg of a double-entry journal: {@code amount} (signed: positive credits, negative debits) of
 * {@code asset} in one bucket of one ledger account. The legs of one event sum to zero per asset.
 *
 * @param leg          the leg's number within its event, from 0: with the event id, the posting's key
 * @param account      a trader's or fee account id, or a system account ({@code external:deposits},
 *                     {@code clearing:<trade id>})
 * @param bucket       which part of the balance moved
 * @param balanceAfter the bucket's balance after this leg, where the event states it (trader and
 *                     fee accounts); {@code null} for system accounts
 * @param kind         what moved the money
 * @param reference    the deposit, order or trade the movement belongs to
 */
public record Posting(int leg, String account, String asset, Bucket bucket, BigDecimal amount,
                      BigDecimal balanceAfter, Kind kind, String reference) {

    public enum Bucket {
        AVAILABLE,
        HELD
    }

    public enum Kind {
        /** Funds credited from outside the exchange. */
        DEPOSIT,
        /** Funds moved from available to held for an order. */
        RESERVE,
        /** An order's unused hold returned to available. */
        RELEASE,
        /** One side of a settled trade: its hold is debited and what it bought is credited. */
        TRADE,
        /** The exchange's fee for a trade, credited to the market's fee account. */
        FEE
    }
}
