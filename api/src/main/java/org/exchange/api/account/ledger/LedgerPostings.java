package org.exchange.api.account.ledger;

import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.account.ledger.Posting.Bucket;
import org.exchange.api.account.ledger.Posting.Kind;

import java.util.List;

/**
 * The double-entry journal of the account events: every movement with its counter-entry, so that
 * the legs of each event sum to zero per asset.
 * <ul>
 *     <li>A deposit credits the trader and debits {@value #DEPOSITS}, whose balance is minus
 *     everything ever deposited.</li>
 *     <li>A reservation and a release move money between the available and held buckets of one
 *     account.</li>
 *     <li>A trade clears through {@code clearing:<trade id>}: the buyer's and the seller's postings
 *     and the fee each book against it, and once all three are in, it is zero in both assets. A
 *     clearing account that stays non-zero is a settlement that did not complete.</li>
 * </ul>
 * Events that move no money (orders, holds voided before any reservation) have no postings.
 */
public final class LedgerPostings {

    public static final String DEPOSITS = "external:deposits";
    public static final String CLEARING_PREFIX = "clearing:";

    private LedgerPostings() {
    }

    /** The postings of an event's payload; empty when it moves no money. */
    public static List<Posting> of(Object payload) {
        return switch (payload) {
            case FundsDepositedEvent e -> List.of(
                    new Posting(0, e.accountId().value(), e.asset().code(), Bucket.AVAILABLE, e.amount(),
                            e.availableAfter(), Kind.DEPOSIT, e.depositId().value()),
                    new Posting(1, DEPOSITS, e.asset().code(), Bucket.AVAILABLE, e.amount().negate(), null,
                            Kind.DEPOSIT, e.depositId().value()));
            case FundsReservedEvent e -> List.of(
                    new Posting(0, e.accountId().value(), e.asset().code(), Bucket.AVAILABLE, e.amount().negate(),
                            e.availableAfter(), Kind.RESERVE, e.orderId().value()),
                    new Posting(1, e.accountId().value(), e.asset().code(), Bucket.HELD, e.amount(),
                            e.heldAfter(), Kind.RESERVE, e.orderId().value()));
            case FundsReleasedEvent e -> List.of(
                    new Posting(0, e.accountId().value(), e.asset().code(), Bucket.HELD, e.amount().negate(),
                            e.heldAfter(), Kind.RELEASE, e.orderId().value()),
                    new Posting(1, e.accountId().value(), e.asset().code(), Bucket.AVAILABLE, e.amount(),
                            e.availableAfter(), Kind.RELEASE, e.orderId().value()));
            case TradeSettledOnAccountEvent e -> {
                String clearing = CLEARING_PREFIX + e.tradeId().value();
                String trade = e.tradeId().value();
                yield List.of(
                        new Posting(0, e.accountId().value(), e.debitAsset().code(), Bucket.HELD,
                                e.debitAmount().negate(), e.debitHeldAfter(), Kind.TRADE, trade),
                        new Posting(1, clearing, e.debitAsset().code(), Bucket.AVAILABLE, e.debitAmount(), null,
                                Kind.TRADE, trade),
                        new Posting(2, e.accountId().value(), e.creditAsset().code(), Bucket.AVAILABLE,
                                e.creditAmount(), e.creditAvailableAfter(), Kind.TRADE, trade),
                        new Posting(3, clearing, e.creditAsset().code(), Bucket.AVAILABLE,
                                e.creditAmount().negate(), null, Kind.TRADE, trade));
            }
            case FeeCollectedEvent e -> List.of(
                    new Posting(0, e.accountId().value(), e.asset().code(), Bucket.AVAILABLE, e.amount(),
                            e.availableAfter(), Kind.FEE, e.tradeId().value()),
                    new Posting(1, CLEARING_PREFIX + e.tradeId().value(), e.asset().code(), Bucket.AVAILABLE,
                            e.amount().negate(), null, Kind.FEE, e.tradeId().value()));
            default -> List.of();
        };
    }

}
