package org.exchange.saga.order;

import org.exchange.api.account.AccountId;
import org.exchange.api.account.FundsReservationRejectedEvent;
import org.exchange.api.account.OpenOrderLimitReachedEvent;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.OrderAcceptedByBookEvent;
import org.exchange.api.market.OrderLeftBookEvent;
import org.exchange.api.market.OrderRejectedByBookEvent;
import org.exchange.api.order.OrderCancelRequestedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderRejectedEvent;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;

import java.math.BigDecimal;
import java.time.Instant;

/** The events of one limit buy of 0.5 BTC at 20,000 USDT on BTC-USDT, as its aggregates would write them. */
public record AnOrder(OrderId orderId, AccountId accountId) {

    public static final MarketId MARKET = MarketId.of("BTC-USDT");
    private static final OrderTerms TERMS = new OrderTerms(MARKET, OrderSide.BUY, OrderType.LIMIT, TimeInForce.GTC,
            new BigDecimal("20000.00"), new BigDecimal("0.50000"), null, null, SelfTradeMode.EXPIRE_TAKER);
    private static final BigDecimal HOLD = new BigDecimal("10020.00");

    public static AnOrder of(String account) {
        return new AnOrder(OrderId.random(), AccountId.of(account));
    }

    public OrderPlacedEvent placed(Instant at) {
        return new OrderPlacedEvent(orderId, accountId, null, TERMS, MARKET.quote(), HOLD, at);
    }

    public FundsReservationRejectedEvent reservationRejected() {
        return new FundsReservationRejectedEvent(accountId, orderId, MARKET.quote(), HOLD, new BigDecimal("100.00"));
    }

    public OpenOrderLimitReachedEvent openOrderLimitReached() {
        return new OpenOrderLimitReachedEvent(accountId, orderId, MARKET.quote(), HOLD, 200, 200);
    }

    public OrderAcceptedByBookEvent acceptedByBook() {
        return new OrderAcceptedByBookEvent(MARKET, orderId, accountId, TERMS, 1, 1, 2_000_000, 50_000, 0, HOLD);
    }

    public OrderRejectedByBookEvent rejectedByBook(String reason) {
        return new OrderRejectedByBookEvent(MARKET, orderId, accountId, reason);
    }

    public OrderCancelRequestedEvent cancelRequested() {
        return new OrderCancelRequestedEvent(orderId, accountId, MARKET);
    }

    public OrderLeftBookEvent leftBook(OrderStatus outcome, String executedQuantity) {
        return new OrderLeftBookEvent(MARKET, orderId, accountId, outcome, null, new BigDecimal(executedQuantity));
    }

    public OrderRejectedEvent rejected(String reason) {
        return new OrderRejectedEvent(orderId, accountId, MARKET, reason);
    }

    public OrderClosedEvent closed(OrderStatus status, String filledQuantity) {
        BigDecimal filled = new BigDecimal(filledQuantity);
        BigDecimal quote = filled.multiply(new BigDecimal("20000.00"));
        return new OrderClosedEvent(orderId, accountId, MARKET, status, null, filled, quote,
                filled.signum() == 0 ? null : new BigDecimal("20000.00"), quote.multiply(new BigDecimal("0.002")));
    }

}
