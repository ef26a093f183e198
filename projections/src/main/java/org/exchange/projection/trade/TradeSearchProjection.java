package org.exchange.projection.trade;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.exchange.api.trade.TradeSettledEvent;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.Pseudonyms;
import org.exchange.platform.search.TradeDocument;
import org.exchange.projection.search.SearchBulk;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The trades index: one document per settled trade, id = trade id. The event never changes, so a
 * redelivered one overwrites its document with the same content.
 */
@Component
@ProcessingGroup(TradeSearchProjection.PROCESSING_GROUP)
class TradeSearchProjection {

    static final String PROCESSING_GROUP = "trades-search";

    private final SearchBulk bulk;
    private final Pseudonyms pseudonyms;

    TradeSearchProjection(SearchBulk bulk, Pseudonyms pseudonyms) {
        this.bulk = bulk;
        this.pseudonyms = pseudonyms;
    }

    @EventHandler
    void on(TradeSettledEvent event, @Timestamp Instant at) {
        bulk.index(AnalyticsIndex.TRADES, event.tradeId().value(), TradeDocument.of(event, at, pseudonyms));
    }
}
