package org.exchange.projection.market;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.exchange.api.market.MarketHaltedEvent;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.MarketResumedEvent;
import org.exchange.api.market.MarketSpec;
import org.exchange.projection.sql.ReadModelWrites;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The {@code markets} table. A market's events come in its aggregate's sequence; each update only
 * applies if it is newer than what the row already reflects, so redelivery changes nothing.
 */
@Component
@ProcessingGroup(MarketProjection.PROCESSING_GROUP)
class MarketProjection {

    static final String PROCESSING_GROUP = "markets";

    private final ReadModelWrites writes;

    MarketProjection(ReadModelWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(MarketOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        MarketSpec spec = event.spec();
        writes.sql("""
                        insert into markets (market_id, base_asset, quote_asset, tick_size, step_size, min_quantity,
                                             max_quantity, min_notional, maker_fee_rate, taker_fee_rate, status,
                                             last_sequence, opened_at, updated_at)
                        values (:market, :base, :quote, :tick, :step, :minQty, :maxQty, :minNotional, :maker, :taker,
                                'TRADING', :sequence, :at, :at)
                        on conflict (market_id) do nothing
                        """)
                .param("market", event.marketId().value())
                .param("base", spec.base().code())
                .param("quote", spec.quote().code())
                .param("tick", spec.tickSize())
                .param("step", spec.stepSize())
                .param("minQty", spec.minQuantity())
                .param("maxQty", spec.maxQuantity())
                .param("minNotional", spec.minNotional())
                .param("maker", spec.makerFeeRate())
                .param("taker", spec.takerFeeRate())
                .param("sequence", sequence)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .forRow("markets", event.marketId().value());
    }

    @EventHandler
    void on(MarketHaltedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event.marketId().value(), "HALTED", event.reason(), sequence, at);
    }

    @EventHandler
    void on(MarketResumedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event.marketId().value(), "TRADING", null, sequence, at);
    }

    private void status(String market, String status, String reason, long sequence, Instant at) {
        writes.sql("""
                        update markets set status = :status, status_reason = :reason, last_sequence = :sequence,
                                           updated_at = :at
                         where market_id = :market and last_sequence < :sequence
                        """)
                .param("market", market)
                .param("status", status)
                .param("reason", reason)
                .param("sequence", sequence)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .forRow("markets", market);
    }
}
