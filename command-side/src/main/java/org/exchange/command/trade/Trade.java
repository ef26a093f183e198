package org.exchange.command.trade;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.exchange.api.trade.TradeId;
import org.exchange.api.trade.TradeSettledEvent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An executed trade whose money has moved. It exists exactly when the trade was settled: its one
 * event is committed with the settlement's postings, so finding it means a settlement already
 * happened (the {@link TradeSettlementHandler} stops there).
 */
@Aggregate
public class Trade {

    @AggregateIdentifier
    private TradeId tradeId;

    protected Trade() {
        // for Axon: rebuilt from events
    }

    /** Settles the trade; only inside {@code Repository.newInstance}. */
    Trade(TradeSettledEvent settled) {
        apply(settled);
    }

    @EventSourcingHandler
    void on(TradeSettledEvent event) {
        tradeId = event.tradeId();
    }
}
