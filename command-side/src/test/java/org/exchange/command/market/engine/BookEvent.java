package org.exchange.command.market.engine;

/** One listener call, as a value, so tests can compare whole event streams. */
sealed interface BookEvent {

    record Accepted(long orderId) implements BookEvent { }

    record Rejected(long orderId, RejectReason reason) implements BookEvent { }

    record Trade(long makerOrderId, long takerOrderId, long makerAccountId, long takerAccountId,
                 long priceTicks, long quantityLots, Side takerSide) implements BookEvent { }

    record Filled(long orderId) implements BookEvent { }

    record Rested(long orderId, long priceTicks, long remainingLots) implements BookEvent { }

    record Expired(long orderId, long remainingLots, long unspentQuote, ExpiryReason reason) implements BookEvent { }

    record Canceled(long orderId, long remainingLots) implements BookEvent { }

    record CancelRejected(long orderId, RejectReason reason) implements BookEvent { }
}
