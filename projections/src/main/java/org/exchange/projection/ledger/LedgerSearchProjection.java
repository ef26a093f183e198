package org.exchange.projection.ledger;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.exchange.api.account.FundsDepositedEvent;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Indexes every balance movement into the ledger index. The document id is the event id, so a
 * redelivered event overwrites its own document instead of adding a second one.
 */
@Component
@ProcessingGroup(LedgerSearchProjection.PROCESSING_GROUP)
class LedgerSearchProjection {

    static final String PROCESSING_GROUP = "ledger-search";

    private final OpenSearchClient client;
    private final LedgerIndex index;

    LedgerSearchProjection(OpenSearchClient client, LedgerIndex index) {
        this.client = client;
        this.index = index;
    }

    @EventHandler
    void on(FundsDepositedEvent event, EventMessage<?> message, @SequenceNumber long sequence) {
        index.ensureExists();
        LedgerDocument document = new LedgerDocument(
                message.getIdentifier(),
                event.accountId().value(),
                "DEPOSIT",
                event.asset().code(),
                event.amount().toPlainString(),
                event.amount().unscaledValue().longValueExact(),
                event.amount().scale(),
                event.availableAfter().toPlainString(),
                sequence,
                message.getTimestamp().toString());
        try {
            client.index(request -> request.index(index.alias()).id(document.eventId()).document(document));
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot index ledger entry " + document.eventId(), failure);
        }
    }
}
