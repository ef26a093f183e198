package org.exchange.command.market;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.OrderAcceptedByBookEvent;
import org.exchange.api.order.OrderStatus;
import org.exchange.command.market.engine.Side;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a {@link Market} snapshot, format revision {@value Market#SNAPSHOT_REVISION}
 * (ADR 0022): everything the market decides with, and nothing derived. Written and read only through
 * {@link Market}'s JSON (Axon stores it in {@code snapshot_event_entry} as the payload of type
 * {@code org.exchange.command.market.Market}); {@code MarketSnapshotFormatTest} pins its JSON.
 *
 * @param engineAccounts the engine's account number of every account that ever traded here
 * @param book           the resting orders in priority order (bids best price first, then asks best
 *                       price first, each level oldest first): restored in this order they rebuild
 *                       the same book
 * @param parkedStops    stop orders waiting for their trigger, oldest (lowest engine id) first, each
 *                       in the stored form of the event that parked it
 * @param outcomes       the latest outcome of every order decided within {@link Market#OUTCOME_RETENTION}
 *                       (a repeated submission answers it) with the time it was decided (the timestamp
 *                       of its first book event), oldest decision first. Orders still in the book that
 *                       were decided earlier are not listed: their outcome follows from the book
 *                       ({@code NEW}, or {@code PARTIALLY_FILLED} with the executed lots)
 * @param forgottenUpTo  the latest decision time whose outcome may have been forgotten ({@code null}:
 *                       none was): a repeat of an order placed up to a submission window after it is
 *                       answered {@code PENDING_NEW}
 */
record MarketSnapshot(MarketId marketId, MarketSpec spec, boolean halted, long lastEngineOrderId,
                      long tradeSequence, long lastTradePriceTicks, Map<String, Long> engineAccounts,
                      List<RestingOrder> book, List<OrderAcceptedByBookEvent> parkedStops,
                      List<Outcome> outcomes, Instant forgottenUpTo) {

    /** A resting order: the engine's node and the market's record of it. */
    record RestingOrder(long engineOrderId, String orderId, String accountId, long engineAccountId, Side side,
                        long priceTicks, long remainingLots, long executedLots) {
    }

    /** A {@code BookOutcome} and when it was decided, written as a JSON array (there are many). */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"orderId", "status", "reason", "executedQuantity", "decidedAt"})
    record Outcome(String orderId, OrderStatus status, String reason, BigDecimal executedQuantity, Instant decidedAt) {
    }
}
