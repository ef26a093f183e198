package org.exchange.command.market;

import org.exchange.command.market.engine.ExpiryReason;
import org.exchange.command.market.engine.RejectReason;
import org.exchange.command.market.engine.Side;

/**
 * One callback of the engine, kept until the {@link Market} turns it into an outcome event. Engine
 * ids only: the market resolves them to orders and accounts.
 */
sealed interface EngineReport {

    record Traded(long makerOrderId, long takerOrderId, long priceTicks, long quantityLots, Side takerSide)
            implements EngineReport {
    }

    record Filled(long orderId) implements EngineReport {
    }

    record Rested(long orderId, long priceTicks, long remainingLots) implements EngineReport {
    }

    record Expired(long orderId, ExpiryReason reason) implements EngineReport {
    }

    record Rejected(long orderId, RejectReason reason) implements EngineReport {
    }
}
