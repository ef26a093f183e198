package org.exchange.command.market.engine;

import java.util.ArrayList;
import java.util.List;

/** Records every listener call as a {@link BookEvent}. */
final class EventRecorder implements OrderBookListener {

    private final List<BookEvent> events = new ArrayList<>();

    /** The events recorded since the last call, oldest first; clears the record. */
    List<BookEvent> drain() {
        List<BookEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    @Override
    public void onAccepted(long orderId) {
        events.add(new BookEvent.Accepted(orderId));
    }

    @Override
    public void onRejected(long orderId, RejectReason reason) {
        events.add(new BookEvent.Rejected(orderId, reason));
    }

    @Override
    public void onTrade(long makerOrderId, long takerOrderId, long makerAccountId, long takerAccountId,
                        long priceTicks, long quantityLots, Side takerSide) {
        events.add(new BookEvent.Trade(makerOrderId, takerOrderId, makerAccountId, takerAccountId, priceTicks,
                quantityLots, takerSide));
    }

    @Override
    public void onFilled(long orderId) {
        events.add(new BookEvent.Filled(orderId));
    }

    @Override
    public void onRested(long orderId, long priceTicks, long remainingLots) {
        events.add(new BookEvent.Rested(orderId, priceTicks, remainingLots));
    }

    @Override
    public void onExpired(long orderId, long remainingLots, long unspentQuote, ExpiryReason reason) {
        events.add(new BookEvent.Expired(orderId, remainingLots, unspentQuote, reason));
    }

    @Override
    public void onCanceled(long orderId, long remainingLots) {
        events.add(new BookEvent.Canceled(orderId, remainingLots));
    }

    @Override
    public void onCancelRejected(long orderId, RejectReason reason) {
        events.add(new BookEvent.CancelRejected(orderId, reason));
    }
}
