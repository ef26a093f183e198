package org.exchange.command.market;

import org.exchange.command.market.engine.ExpiryReason;
import org.exchange.command.market.engine.OrderBookListener;
import org.exchange.command.market.engine.RejectReason;
import org.exchange.command.market.engine.Side;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the engine reports during one place command, in order, so that the {@link Market}
 * can apply the outcome events afterwards. Cancels are decided by the market itself and their
 * callbacks are not kept. The buffer is transient: it never outlives a command.
 */
final class EngineCallbacks implements OrderBookListener {

    private transient List<EngineReport> reports = new ArrayList<>();

    /** Forgets what an earlier engine call reported (replay never drains the buffer). */
    void clear() {
        reports = new ArrayList<>();
    }

    /** What the engine reported since the last {@link #clear()}, and forgets it. */
    List<EngineReport> drain() {
        List<EngineReport> drained = reports;
        clear();
        return drained;
    }

    @Override
    public void onAccepted(long orderId) {
        // the acceptance is already recorded: OrderAcceptedByBookEvent is what ran the engine
    }

    @Override
    public void onRejected(long orderId, RejectReason reason) {
        reports.add(new EngineReport.Rejected(orderId, reason));
    }

    @Override
    public void onTrade(long makerOrderId, long takerOrderId, long makerAccountId, long takerAccountId,
                        long priceTicks, long quantityLots, Side takerSide) {
        reports.add(new EngineReport.Traded(makerOrderId, takerOrderId, priceTicks, quantityLots, takerSide));
    }

    @Override
    public void onFilled(long orderId) {
        reports.add(new EngineReport.Filled(orderId));
    }

    @Override
    public void onRested(long orderId, long priceTicks, long remainingLots) {
        reports.add(new EngineReport.Rested(orderId, priceTicks, remainingLots));
    }

    @Override
    public void onExpired(long orderId, long remainingLots, long unspentQuote, ExpiryReason reason) {
        reports.add(new EngineReport.Expired(orderId, reason));
    }

    @Override
    public void onCanceled(long orderId, long remainingLots) {
        // the market applied OrderLeftBookEvent(CANCELED) itself; that event is what canceled it
    }

    @Override
    public void onCancelRejected(long orderId, RejectReason reason) {
        // the market only cancels orders it knows rest; nothing to report
    }
}
