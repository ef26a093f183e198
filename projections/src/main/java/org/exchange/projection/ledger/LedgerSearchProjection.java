package org.exchange.projection.ledger;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.Pseudonyms;
import org.exchange.api.account.ledger.LedgerPostings;
import org.exchange.api.account.ledger.Posting;
import org.exchange.projection.search.SearchBulk;
import org.springframework.stereotype.Component;

/**
 * The ledger index: one document per posting of {@link LedgerPostings}, id = event id + ":" + leg, so a
 * redelivered event overwrites its own documents instead of adding more.
 */
@Component
@ProcessingGroup(LedgerSearchProjection.PROCESSING_GROUP)
class LedgerSearchProjection {

    static final String PROCESSING_GROUP = "ledger-search";

    private final SearchBulk bulk;
    private final Pseudonyms pseudonyms;

    LedgerSearchProjection(SearchBulk bulk, Pseudonyms pseudonyms) {
        this.bulk = bulk;
        this.pseudonyms = pseudonyms;
    }

    /** Every event: {@link LedgerPostings} knows which ones move money. */
    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        for (Posting posting : LedgerPostings.of(payload)) {
            bulk.index(AnalyticsIndex.LEDGER, LedgerDocument.id(message.getIdentifier(), posting),
                    LedgerDocument.of(message.getIdentifier(), sequence, message.getTimestamp(), posting, pseudonyms));
        }
    }
}
