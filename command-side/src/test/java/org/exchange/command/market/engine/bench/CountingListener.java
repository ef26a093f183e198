package org.exchange.command.market.engine.bench;

import org.exchange.command.market.engine.ExpiryReason;
import org.exchange.command.market.engine.OrderBookListener;
import org.exchange.command.market.engine.RejectReason;
import org.exchange.command.market.engine.Side;

/**
 * The cheapest listener that still consumes every outcome: it counts events into fields (which
 * escape through the benchmark's state, so the JIT cannot drop the calls) and allocates nothing.
 */
public final class CountingListener implements OrderBookListener {

    public long accepted;
    public long rejected;
    public long trades;
    public long tradedLots;
    public long filled;
    public long rested;
    public long expired;
    public long selfTradeExpiries;
    public long canceled;
    public long cancelsRejected;

    public long events() {
        return accepted + rejected + trades + filled + rested + expired + canceled + cancelsRejected;
    }

    @Override
    public void onAccepted(long orderId) {
        accepted++;
    }

    @Override
    public void onRejected(long orderId, RejectReason reason) {
        rejected++;
    }

    @Override
    public void onTrade(long makerOrderId, long takerOrderId, long makerAccountId, long takerAccountId,
                        long priceTicks, long quantityLots, Side takerSide) {
        trades++;
        tradedLots += quantityLots;
    }

    @Override
    public void onFilled(long orderId) {
        filled++;
    }

    @Override
    public void onRested(long orderId, long priceTicks, long remainingLots) {
        rested++;
    }

    @Override
    public void onExpired(long orderId, long remainingLots, long unspentQuote, ExpiryReason reason) {
        expired++;
        if (reason == ExpiryReason.SELF_TRADE) {
            selfTradeExpiries++;
        }
    }

    @Override
    public void onCanceled(long orderId, long remainingLots) {
        canceled++;
    }

    @Override
    public void onCancelRejected(long orderId, RejectReason reason) {
        cancelsRejected++;
    }

    @Override
    public String toString() {
        return "accepted=" + accepted + " rejected=" + rejected + " trades=" + trades + " tradedLots=" + tradedLots
                + " filled=" + filled + " rested=" + rested + " expired=" + expired + " (self-trade "
                + selfTradeExpiries + ") canceled=" + canceled + " cancelsRejected=" + cancelsRejected;
    }
}
