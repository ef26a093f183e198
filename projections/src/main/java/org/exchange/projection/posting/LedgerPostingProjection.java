package org.exchange.projection.posting;

import org.exchange.api.account.ledger.LedgerPostings;
import org.exchange.api.account.ledger.Posting;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.projection.sql.ReadModelWrites;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;

/**
 * The {@code ledger_postings} table: every leg of every money movement ({@link LedgerPostings}),
 * keyed by event id and leg, so a redelivered or replayed event inserts nothing.
 */
@Component
@ProcessingGroup(LedgerPostingProjection.PROCESSING_GROUP)
class LedgerPostingProjection {

    static final String PROCESSING_GROUP = "ledger";

    private final ReadModelWrites writes;

    LedgerPostingProjection(ReadModelWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(FundsDepositedEvent event, EventMessage<?> message) {
        post(message);
    }

    @EventHandler
    void on(FundsReservedEvent event, EventMessage<?> message) {
        post(message);
    }

    @EventHandler
    void on(FundsReleasedEvent event, EventMessage<?> message) {
        post(message);
    }

    @EventHandler
    void on(TradeSettledOnAccountEvent event, EventMessage<?> message) {
        post(message);
    }

    @EventHandler
    void on(FeeCollectedEvent event, EventMessage<?> message) {
        post(message);
    }

    private void post(EventMessage<?> message) {
        for (Posting posting : LedgerPostings.of(message.getPayload())) {
            String id = message.getIdentifier() + ":" + posting.leg();
            writes.sql("""
                            insert into ledger_postings (posting_id, event_id, leg, account_id, asset, bucket, amount,
                                                         balance_after, kind, reference, occurred_at)
                            values (:id, :event, :leg, :account, :asset, :bucket, :amount, :balanceAfter, :kind,
                                    :reference, :at)
                            on conflict (posting_id) do nothing
                            """)
                    .param("id", id)
                    .param("event", message.getIdentifier())
                    .param("leg", posting.leg())
                    .param("account", posting.account())
                    .param("asset", posting.asset())
                    .param("bucket", posting.bucket().name())
                    .param("amount", posting.amount())
                    .param("balanceAfter", posting.balanceAfter())
                    .param("kind", posting.kind().name())
                    .param("reference", posting.reference())
                    .param("at", message.getTimestamp().atOffset(ZoneOffset.UTC))
                    .forRow("ledger_postings", id);
        }
    }
}
