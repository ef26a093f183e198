package org.exchange.command.order;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.AcceptOrderCommand;
import org.exchange.api.order.CancelOrderCommand;
import org.exchange.api.order.CloseOrderCommand;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderBookOutcomeRecordedEvent;
import org.exchange.api.order.OrderCancelRequestedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderRejectedEvent;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderSummary;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.PlaceOrderCommand;
import org.exchange.api.order.RejectOrderCommand;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.api.trade.TradeId;
import org.exchange.command.EventSourcedHarness;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.test.matchers.Matchers.predicate;

class OrderTest {

    private static final AccountId ALICE = AccountId.of("alice-id");
    private static final AccountId MALLORY = AccountId.of("mallory-id");
    private static final MarketId BTC_USDT = MarketId.of("BTC-USDT");
    private static final Asset USDT = Asset.of("USDT");
    private static final OrderId ORDER = OrderId.forClient(ALICE, "c-1");
    private static final OrderTerms BUY_1_AT_100 = new OrderTerms(BTC_USDT, OrderSide.BUY, OrderType.LIMIT,
            TimeInForce.GTC, new BigDecimal("100.00"), new BigDecimal("1.00000"), null, null, SelfTradeMode.EXPIRE_TAKER);

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    private static PlaceOrderCommand place(OrderTerms terms) {
        return new PlaceOrderCommand(ORDER, ALICE, "c-1", terms, USDT, new BigDecimal("100.20000000"));
    }

    private static OrderPlacedEvent placed(Instant at) {
        return new OrderPlacedEvent(ORDER, ALICE, "c-1", BUY_1_AT_100, USDT, new BigDecimal("100.20000000"), at);
    }

    private OrderPlacedEvent placed() {
        return placed(fixture.currentTime());
    }

    private static OrderAcceptedEvent accepted() {
        return new OrderAcceptedEvent(ORDER, ALICE, BTC_USDT);
    }

    private static OrderFillRecordedEvent fillRecorded(String trade, String quantity, String quote, String fee,
                                                       String filled, String filledQuote, String fees) {
        return new OrderFillRecordedEvent(ORDER, ALICE, BTC_USDT, TradeId.of(trade), Liquidity.MAKER,
                new BigDecimal("100.00"), new BigDecimal(quantity), new BigDecimal(quote), new BigDecimal(fee), USDT,
                new BigDecimal(filled), new BigDecimal(filledQuote), new BigDecimal(fees));
    }

    private static Order.Fill fill(String trade, String price, String quantity, String quote, String fee) {
        return new Order.Fill(TradeId.of(trade), Liquidity.MAKER, new BigDecimal(price), new BigDecimal(quantity),
                new BigDecimal(quote), new BigDecimal(fee), USDT);
    }

    private static Matcher<?> summary(Predicate<OrderSummary> expected) {
        return predicate(result -> expected.test((OrderSummary) result));
    }

    private static Matcher<Object> refusedWith(ErrorCode code, String message) {
        return predicate(failure -> failure instanceof ExchangeException refusal && refusal.code() == code
                && refusal.getMessage().equals(message));
    }

    @Test
    void theSameAccountAndClientOrderIdAlwaysGiveTheSameOrderIdAndNoClientIdARandomOne() {
        assertThat(OrderId.forClient(ALICE, "c-1")).isEqualTo(OrderId.forClient(AccountId.of("alice-id"), "c-1"));
        assertThat(OrderId.forClient(ALICE, "c-1")).isNotEqualTo(OrderId.forClient(MALLORY, "c-1"));
        assertThat(OrderId.forClient(ALICE, "c-1").value()).isEqualTo(java.util.UUID.nameUUIDFromBytes(
                "alice-id/c-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        assertThat(OrderId.forClient(ALICE, null)).isNotEqualTo(OrderId.forClient(ALICE, null));
    }

    @Test
    void placingCreatesAPendingOrderStampedWithTheMessageClock() {
        fixture.givenNoPriorActivity()
                .when(place(BUY_1_AT_100))
                .expectEvents(placed())
                .expectResultMessagePayloadMatching(summary(s -> s.status() == OrderStatus.PENDING_NEW
                        && !s.repeated() && s.orderId().equals(ORDER)));
    }

    @Test
    void placingAgainAnswersTheExistingOrderWhateverTheNewTerms() {
        OrderTerms other = new OrderTerms(BTC_USDT, OrderSide.SELL, OrderType.LIMIT, TimeInForce.GTC,
                new BigDecimal("999.00"), new BigDecimal("5.00000"), null, null, SelfTradeMode.EXPIRE_TAKER);
        fixture.given(placed(), accepted())
                .when(place(other))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(summary(s -> s.repeated() && s.status() == OrderStatus.NEW
                        && s.terms().equals(BUY_1_AT_100)));
    }

    @Test
    void anOrderThatNeverReachedTheBookIsRejectedWithTheReasonOnce() {
        fixture.given(placed())
                .when(new RejectOrderCommand(ORDER, "INSUFFICIENT_FUNDS"))
                .expectEvents(new OrderRejectedEvent(ORDER, ALICE, BTC_USDT, "INSUFFICIENT_FUNDS"))
                .expectResultMessagePayloadMatching(summary(s -> s.status() == OrderStatus.REJECTED
                        && "INSUFFICIENT_FUNDS".equals(s.reason()) && !s.repeated()));
        fixture.given(placed(), new OrderRejectedEvent(ORDER, ALICE, BTC_USDT, "INSUFFICIENT_FUNDS"))
                .when(new RejectOrderCommand(ORDER, "SUBMISSION_TIMEOUT"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(summary(s -> s.repeated()
                        && "INSUFFICIENT_FUNDS".equals(s.reason())));
    }

    @Test
    void aCancelRequestedBeforeTheBookIsEndedByTheRejection() {
        fixture.given(placed(), new OrderCancelRequestedEvent(ORDER, ALICE, BTC_USDT))
                .when(new RejectOrderCommand(ORDER, "SUBMISSION_TIMEOUT"))
                .expectEvents(new OrderRejectedEvent(ORDER, ALICE, BTC_USDT, "SUBMISSION_TIMEOUT"));
    }

    @Test
    void aLateRejectionNeverOverridesWhatTheBookDid() {
        fixture.given(placed(), accepted())
                .when(new RejectOrderCommand(ORDER, "SUBMISSION_TIMEOUT"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(summary(s -> s.status() == OrderStatus.NEW && !s.repeated()));
        fixture.given(placed(), fillRecorded("BTC-USDT-1", "0.40000", "40.0000000", "0.04000000",
                        "0.40000", "40.0000000", "0.04000000"))
                .when(new RejectOrderCommand(ORDER, "SUBMISSION_TIMEOUT"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(summary(s -> s.status() == OrderStatus.PARTIALLY_FILLED));
        fixture.given(placed(), new OrderBookOutcomeRecordedEvent(ORDER, ALICE, BTC_USDT, OrderStatus.FILLED, null,
                        new BigDecimal("1.00000")))
                .when(new RejectOrderCommand(ORDER, "SUBMISSION_TIMEOUT"))
                .expectNoEvents();
    }

    @Test
    void acceptingMakesThePendingOrderNewOnce() {
        fixture.given(placed())
                .when(new AcceptOrderCommand(ORDER))
                .expectEvents(accepted())
                .expectResultMessagePayloadMatching(summary(s -> s.status() == OrderStatus.NEW && !s.repeated()));
        fixture.given(placed(), accepted())
                .when(new AcceptOrderCommand(ORDER))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(summary(OrderSummary::repeated));
    }

    @Test
    void acceptingAfterAFillWasSettledKeepsItPartiallyFilled() {
        fixture.given(placed(), fillRecorded("BTC-USDT-1", "0.40000", "40.0000000", "0.04000000",
                        "0.40000", "40.0000000", "0.04000000"))
                .when(new AcceptOrderCommand(ORDER))
                .expectEvents(accepted())
                .expectResultMessagePayloadMatching(summary(s -> s.status() == OrderStatus.PARTIALLY_FILLED));
    }

    @Test
    void acceptingARejectedOrderChangesNothing() {
        fixture.given(placed(), new OrderRejectedEvent(ORDER, ALICE, BTC_USDT, "SUBMISSION_TIMEOUT"))
                .when(new AcceptOrderCommand(ORDER))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(summary(s -> s.status() == OrderStatus.REJECTED));
    }

    @Test
    void theOwnerCancelsOnceAndARepeatWhilePendingAddsNothing() {
        fixture.given(placed(), accepted())
                .when(new CancelOrderCommand(ORDER, ALICE))
                .expectEvents(new OrderCancelRequestedEvent(ORDER, ALICE, BTC_USDT))
                .expectResultMessagePayloadMatching(summary(s -> !s.repeated() && s.status() == OrderStatus.NEW));
        fixture.given(placed(), accepted(), new OrderCancelRequestedEvent(ORDER, ALICE, BTC_USDT))
                .when(new CancelOrderCommand(ORDER, ALICE))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(summary(OrderSummary::repeated));
    }

    @Test
    void anotherTradersOrderLooksExactlyLikeAnUnknownOne() {
        String notFound = "order " + ORDER + " not found";
        fixture.given(placed(), accepted())
                .when(new CancelOrderCommand(ORDER, MALLORY))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOT_FOUND, notFound));
        fixture.givenNoPriorActivity()
                .when(new CancelOrderCommand(ORDER, ALICE))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOT_FOUND, notFound));
    }

    @Test
    void aFinalOrderOrOneTheBookIsDoneWithCannotBeCanceled() {
        fixture.given(placed(), new OrderRejectedEvent(ORDER, ALICE, BTC_USDT, "WOULD_TAKE"))
                .when(new CancelOrderCommand(ORDER, ALICE))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ALREADY_CLOSED, "order " + ORDER + " is already REJECTED"));
        fixture.given(placed(), accepted(), new OrderBookOutcomeRecordedEvent(ORDER, ALICE, BTC_USDT,
                        OrderStatus.FILLED, null, new BigDecimal("1.00000")))
                .when(new CancelOrderCommand(ORDER, ALICE))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ALREADY_CLOSED, "order " + ORDER + " is already FILLED"));
    }

    @Test
    void theBookClosingAnOrderWithEverythingSettledClosesItAtOnce() {
        fixture.given(placed(), accepted(), fillRecorded("BTC-USDT-1", "0.40000", "40.0000000", "0.04000000",
                        "0.40000", "40.0000000", "0.04000000"))
                .when(new CloseOrderCommand(ORDER, OrderStatus.CANCELED, null, new BigDecimal("0.40000")))
                .expectEvents(new OrderClosedEvent(ORDER, ALICE, BTC_USDT, OrderStatus.CANCELED, null,
                        new BigDecimal("0.40000"), new BigDecimal("40.0000000"), new BigDecimal("100.0000000000"),
                        new BigDecimal("0.04000000")))
                .expectResultMessagePayloadMatching(summary(s -> s.status() == OrderStatus.CANCELED));
        fixture.given(placed(), accepted())
                .when(new CloseOrderCommand(ORDER, OrderStatus.EXPIRED, "NO_LIQUIDITY", BigDecimal.ZERO))
                .expectEvents(new OrderClosedEvent(ORDER, ALICE, BTC_USDT, OrderStatus.EXPIRED, "NO_LIQUIDITY",
                        BigDecimal.ZERO, BigDecimal.ZERO, null, BigDecimal.ZERO));
    }

    @Test
    void theBookClosingAnOrderBeforeItsTradesAreSettledOnlyRecordsTheOutcomeOnce() {
        OrderBookOutcomeRecordedEvent recorded = new OrderBookOutcomeRecordedEvent(ORDER, ALICE, BTC_USDT,
                OrderStatus.FILLED, null, new BigDecimal("1.00000"));
        fixture.given(placed(), accepted())
                .when(new CloseOrderCommand(ORDER, OrderStatus.FILLED, null, new BigDecimal("1.00000")))
                .expectEvents(recorded)
                .expectResultMessagePayloadMatching(summary(s -> s.status() == OrderStatus.NEW && !s.repeated()));
        fixture.given(placed(), accepted(), recorded)
                .when(new CloseOrderCommand(ORDER, OrderStatus.FILLED, null, new BigDecimal("1.00000")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(summary(OrderSummary::repeated));
    }

    @Test
    void aFillIsRecordedCumulativelyAndTheOrderIsPartiallyFilled() {
        EventSourcedHarness<Order> order = new EventSourcedHarness<>(Order.class, ORDER.value(), placed(Instant.EPOCH),
                accepted(), fillRecorded("BTC-USDT-1", "0.40000", "40.0000000", "0.04000000",
                        "0.40000", "40.0000000", "0.04000000"));

        List<Object> events = order.when(o -> o.recordFill(fill("BTC-USDT-2", "100.00", "0.10000", "10.0000000",
                "0.01000000")), Order::new);

        assertThat(events).containsExactly(new OrderFillRecordedEvent(ORDER, ALICE, BTC_USDT, TradeId.of("BTC-USDT-2"),
                Liquidity.MAKER, new BigDecimal("100.00"), new BigDecimal("0.10000"), new BigDecimal("10.0000000"),
                new BigDecimal("0.01000000"), USDT, new BigDecimal("0.50000"), new BigDecimal("50.0000000"),
                new BigDecimal("0.05000000")));
        assertThat(order.when(o -> o.recordFill(fill("BTC-USDT-2", "100.00", "0.10000", "10.0000000", "0.01000000")),
                Order::new)).as("the same trade again").isEmpty();
    }

    @Test
    void theLastSettledFillClosesAnOrderTheBookIsDoneWithAtTheAveragePrice() {
        EventSourcedHarness<Order> order = new EventSourcedHarness<>(Order.class, ORDER.value(), placed(Instant.EPOCH),
                accepted(), new OrderFillRecordedEvent(ORDER, ALICE, BTC_USDT, TradeId.of("BTC-USDT-1"),
                        Liquidity.TAKER, new BigDecimal("100.01"), new BigDecimal("0.30000"), new BigDecimal("30.0030000"),
                        new BigDecimal("0.06000600"), USDT, new BigDecimal("0.30000"), new BigDecimal("30.0030000"),
                        new BigDecimal("0.06000600")),
                new OrderBookOutcomeRecordedEvent(ORDER, ALICE, BTC_USDT, OrderStatus.FILLED, null,
                        new BigDecimal("1.00000")));

        List<Object> events = order.when(o -> o.recordFill(fill("BTC-USDT-2", "100.00", "0.70000", "70.0000000",
                "0.07000000")), Order::new);

        assertThat(events).hasSize(2).last().isEqualTo(new OrderClosedEvent(ORDER, ALICE, BTC_USDT,
                OrderStatus.FILLED, null, new BigDecimal("1.00000"), new BigDecimal("100.0030000"),
                new BigDecimal("100.0030000000"), new BigDecimal("0.13000600")));
    }

    @Test
    void theAveragePriceIsRoundedHalfEvenEightDecimalsBelowTheTick() {
        EventSourcedHarness<Order> order = new EventSourcedHarness<>(Order.class, ORDER.value(), placed(Instant.EPOCH),
                accepted(), new OrderBookOutcomeRecordedEvent(ORDER, ALICE, BTC_USDT, OrderStatus.FILLED, null,
                        new BigDecimal("3")));
        order.when(o -> o.recordFill(fill("BTC-USDT-1", "100.00", "1", "100.00", "0")), Order::new);
        order.when(o -> o.recordFill(fill("BTC-USDT-2", "100.00", "1", "100.00", "0")), Order::new);

        List<Object> events = order.when(o -> o.recordFill(fill("BTC-USDT-3", "100.01", "1", "100.01", "0")),
                Order::new);

        assertThat(((OrderClosedEvent) events.get(1)).averagePrice()).isEqualTo(new BigDecimal("100.0033333333"));
    }

    @Test
    void aFillForAFinalOrderOrBeyondWhatTheBookExecutedIsABug() {
        EventSourcedHarness<Order> rejected = new EventSourcedHarness<>(Order.class, ORDER.value(),
                placed(Instant.EPOCH), new OrderRejectedEvent(ORDER, ALICE, BTC_USDT, "SUBMISSION_TIMEOUT"));
        assertThatThrownBy(() -> rejected.when(o -> o.recordFill(fill("BTC-USDT-1", "100.00", "1", "100.00", "0")),
                Order::new)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already REJECTED");

        EventSourcedHarness<Order> closing = new EventSourcedHarness<>(Order.class, ORDER.value(),
                placed(Instant.EPOCH), accepted(), new OrderBookOutcomeRecordedEvent(ORDER, ALICE, BTC_USDT,
                OrderStatus.CANCELED, null, new BigDecimal("0.5")));
        assertThatThrownBy(() -> closing.when(o -> o.recordFill(fill("BTC-USDT-1", "100.00", "1", "100.00", "0")),
                Order::new)).isInstanceOf(IllegalStateException.class).hasMessageContaining("executed only 0.5");
    }
}
