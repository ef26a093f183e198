package org.exchange.command.market;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.market.BookOutcome;
import org.exchange.api.market.CancelAccountOrdersCommand;
import org.exchange.api.market.CanceledOrders;
import org.exchange.api.market.CancelOrderInBookCommand;
import org.exchange.api.market.HaltMarketCommand;
import org.exchange.api.market.MarketHaltedEvent;
import org.exchange.api.market.OrderAcceptedByBookEvent;
import org.exchange.api.market.OrderLeftBookEvent;
import org.exchange.api.market.OrderRejectedByBookEvent;
import org.exchange.api.market.OrderRestedEvent;
import org.exchange.api.market.ResumeMarketCommand;
import org.exchange.api.market.StopOrderTriggeredEvent;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.api.trade.TradeId;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchange.api.order.OrderSide.BUY;
import static org.exchange.api.order.OrderSide.SELL;
import static org.exchange.command.market.BookOrders.BTC_USDT;
import static org.exchange.command.market.BookOrders.NOW;
import static org.exchange.command.market.BookOrders.OPENED;
import static org.exchange.command.market.BookOrders.limit;
import static org.exchange.command.market.BookOrders.limitMaker;
import static org.exchange.command.market.BookOrders.market;
import static org.exchange.command.market.BookOrders.marketBuyByQuote;
import static org.exchange.command.market.BookOrders.stopLimit;
import static org.exchange.command.market.BookOrders.stopMarket;
import static org.exchange.command.market.BookOrders.submit;

/** The book inside {@link Market}: what traders see happen to their orders (ADR 0008). */
class MarketBookTest {

    private static final Asset USDT = Asset.of("USDT");

    private FixtureConfiguration<Market> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Market.class).registerInjectableResource(BookOrders.assets());
    }

    @Test
    void anIncomingOrderTradesAtTheRestingOrdersPriceAndBothFill() {
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "1.000")))
                .when(submit("taker", "bob", limit(BUY, "101.00", "1.000")))
                .expectResultMessagePayload(outcome("taker", OrderStatus.FILLED, null, "1.000",
                        fill(1, "100.00", "1.000", "100.00000", "0.12500000", Liquidity.TAKER))));

        assertThat(ofType(events, TradeExecutedEvent.class)).containsExactly(
                trade(1, "100.00", "1.000", "100.00000", "maker", "alice", "taker", "bob", BUY, "0.07500000", "0.12500000"));
        assertThat(ofType(events, OrderLeftBookEvent.class)).containsExactly(
                left("maker", "alice", OrderStatus.FILLED, null, "1.000"),
                left("taker", "bob", OrderStatus.FILLED, null, "1.000"));
    }

    @Test
    void aPartlyFilledLimitOrderRestsWithItsRemainder() {
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "0.400")))
                .when(submit("taker", "bob", limit(BUY, "100.00", "1.000")))
                .expectResultMessagePayload(outcome("taker", OrderStatus.PARTIALLY_FILLED, null, "0.400",
                        fill(1, "100.00", "0.400", "40.00000", "0.05000000", Liquidity.TAKER))));

        assertThat(ofType(events, OrderRestedEvent.class)).containsExactly(
                new OrderRestedEvent(BTC_USDT, OrderId.of("taker"), AccountId.of("bob"), new BigDecimal("100.00"),
                        new BigDecimal("0.600")));
        assertThat(ofType(events, OrderLeftBookEvent.class)).containsExactly(
                left("maker", "alice", OrderStatus.FILLED, null, "0.400"));
    }

    @Test
    void theBestPriceTradesFirstAndWithinAPriceTheOldestOrder() {
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(
                        submit("dear", "alice", limit(SELL, "101.00", "1.000")),
                        submit("first", "carol", limit(SELL, "100.00", "1.000")),
                        submit("second", "alice", limit(SELL, "100.00", "1.000")))
                .when(submit("taker", "bob", limit(BUY, "101.00", "2.500"))));

        assertThat(ofType(events, TradeExecutedEvent.class))
                .extracting(trade -> trade.makerOrderId().value(), trade -> trade.price().toPlainString(),
                        trade -> trade.quantity().toPlainString(), TradeExecutedEvent::sequence)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("first", "100.00", "1.000", 1L),
                        org.assertj.core.groups.Tuple.tuple("second", "100.00", "1.000", 2L),
                        org.assertj.core.groups.Tuple.tuple("dear", "101.00", "0.500", 3L));
    }

    @Test
    void feesAreTheQuoteQuantityTimesTheRateRoundedDownToTheQuoteScale() {
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(BUY, "123.45", "0.007")))
                .when(submit("taker", "bob", limit(SELL, "123.45", "0.007"))));

        // 0.86415 × 0.00075 = 0.0006481125 and 0.86415 × 0.00125 = 0.0010801875: both round down
        assertThat(ofType(events, TradeExecutedEvent.class)).containsExactly(
                trade(1, "123.45", "0.007", "0.86415", "maker", "alice", "taker", "bob", SELL, "0.00064811", "0.00108018"));
    }

    @Test
    void aPostOnlyOrderThatWouldTakeIsRejectedAndOneBelowTheAskRests() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("ask", "alice", limit(SELL, "100.00", "1.000")))
                .when(submit("post", "bob", limitMaker(BUY, "100.00", "1.000")))
                .expectEvents(new OrderRejectedByBookEvent(BTC_USDT, OrderId.of("post"), AccountId.of("bob"), "WOULD_TAKE"))
                .expectResultMessagePayload(outcome("post", OrderStatus.REJECTED, "WOULD_TAKE", "0.000"));

        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("ask", "alice", limit(SELL, "100.00", "1.000")))
                .when(submit("post", "bob", limitMaker(BUY, "99.99", "1.000")))
                .expectResultMessagePayload(outcome("post", OrderStatus.NEW, null, "0.000"));
    }

    @Test
    void aHaltedMarketRecordsARejectionAndKeepsItsRestingOrdersForTheResumption() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED, new MarketHaltedEvent(BTC_USDT, "maintenance"))
                .when(submit("late", "bob", limit(BUY, "100.00", "1.000")))
                .expectEvents(new OrderRejectedByBookEvent(BTC_USDT, OrderId.of("late"), AccountId.of("bob"), "MARKET_HALTED"))
                .expectResultMessagePayload(outcome("late", OrderStatus.REJECTED, "MARKET_HALTED", "0.000"));

        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "1.000")),
                        new HaltMarketCommand(BTC_USDT, "maintenance"), new ResumeMarketCommand(BTC_USDT))
                .when(submit("taker", "bob", limit(BUY, "100.00", "1.000")))
                .expectResultMessagePayload(outcome("taker", OrderStatus.FILLED, null, "1.000",
                        fill(1, "100.00", "1.000", "100.00000", "0.12500000", Liquidity.TAKER)));
    }

    @Test
    void ordersCanBeCanceledWhileTheMarketIsHalted() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "1.000")),
                        new HaltMarketCommand(BTC_USDT, "maintenance"))
                .when(new CancelOrderInBookCommand(BTC_USDT, OrderId.of("maker")))
                .expectEvents(left("maker", "alice", OrderStatus.CANCELED, null, "0.000"))
                .expectResultMessagePayload(true);
    }

    @Test
    void aSubmissionPlacedMoreThanEightSecondsAgoIsRejectedAsTimedOut() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .when(submit("slow", "bob", limit(BUY, "100.00", "1.000"), BookOrders.PLENTY,
                        NOW.minus(Duration.ofMillis(8001))))
                .expectEvents(new OrderRejectedByBookEvent(BTC_USDT, OrderId.of("slow"), AccountId.of("bob"), "SUBMISSION_TIMEOUT"));

        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .when(submit("justInTime", "bob", limit(BUY, "100.00", "1.000"), BookOrders.PLENTY,
                        NOW.minus(Duration.ofSeconds(8))))
                .expectResultMessagePayload(outcome("justInTime", OrderStatus.NEW, null, "0.000"));
    }

    @Test
    void aRepeatedSubmissionAnswersTheOrdersCurrentOutcomeAndRecordsNothing() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "1.000")),
                        submit("taker", "bob", limit(BUY, "100.00", "0.300")),
                        new HaltMarketCommand(BTC_USDT, "maintenance"))
                .when(submit("maker", "alice", limit(SELL, "100.00", "1.000")))
                .expectNoEvents()
                .expectResultMessagePayload(repeated("maker", OrderStatus.PARTIALLY_FILLED, null, "0.300"));
    }

    @Test
    void aRepeatedSubmissionOfAnOrderThatLeftTheBookIsAnsweredExactlyForThirtySecondsAfterItsDecision() {
        tradedThenAnotherOrderAt(NOW.plus(Market.OUTCOME_RETENTION).minusMillis(1), "1.000")
                .when(submit("taker", "bob", limit(BUY, "100.00", "1.000")))
                .expectNoEvents()
                .expectResultMessagePayload(repeated("taker", OrderStatus.FILLED, null, "1.000"));
    }

    @Test
    void onceItsOutcomeIsForgottenARepeatIsAnsweredPendingNewAndRecordsNothing() {
        tradedThenAnotherOrderAt(NOW.plus(Market.OUTCOME_RETENTION).plusMillis(1), "1.000")
                // the taker's retry, with its own placing time: neither placed again nor rejected
                .when(submit("taker", "bob", limit(BUY, "100.00", "1.000")))
                .expectNoEvents()
                .expectResultMessagePayload(new BookOutcome(OrderId.of("taker"), OrderStatus.PENDING_NEW, null, null, null));
    }

    @Test
    void anOrderStillInTheBookKeepsItsOutcomeHoweverOldAndForgetsItThirtySecondsAfterLeaving() {
        Instant later = NOW.plus(Duration.ofMinutes(5));
        tradedThenAnotherOrderAt(later, "0.400")
                .when(submit("maker", "alice", limit(SELL, "100.00", "1.000")))
                .expectNoEvents()
                .expectResultMessagePayload(repeated("maker", OrderStatus.PARTIALLY_FILLED, null, "0.400"));

        tradedThenAnotherOrderAt(later, "0.400")
                .andGivenCommands(new CancelOrderInBookCommand(BTC_USDT, OrderId.of("maker")))
                .when(submit("maker", "alice", limit(SELL, "100.00", "1.000")))
                .expectNoEvents()
                .expectResultMessagePayload(new BookOutcome(OrderId.of("maker"), OrderStatus.PENDING_NEW, null, null, null));
    }

    @Test
    void aLateSubmissionPlacedAfterEveryForgottenDecisionIsStillRejectedAsTimedOut() {
        tradedThenAnotherOrderAt(NOW.plus(Duration.ofMinutes(5)), "1.000")
                // placed more than a submission window after the last forgotten decision: never decided here
                .when(submit("slow", "bob", limit(BUY, "100.00", "1.000"), BookOrders.PLENTY, NOW.plusSeconds(9)))
                .expectEvents(new OrderRejectedByBookEvent(BTC_USDT, OrderId.of("slow"), AccountId.of("bob"),
                        "SUBMISSION_TIMEOUT"));
    }

    /**
     * At {@link BookOrders#NOW}, a taker buying {@code takerQuantity} of a resting sell of 1.000; at
     * {@code later}, another order reaches the book (a decision: the market forgets what it decided
     * more than 30 s before).
     */
    private TestExecutor<Market> tradedThenAnotherOrderAt(Instant later, String takerQuantity) {
        return fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "1.000")),
                        submit("taker", "bob", limit(BUY, "100.00", takerQuantity)))
                .andGivenCurrentTime(later)
                .andGivenCommands(submit("other", "bob", limit(BUY, "99.00", "1.000"), BookOrders.PLENTY, later));
    }

    @Test
    void aFillOrKillOrderTheBookCannotFillExpiresWithoutTrading() {
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "0.400")))
                .when(submit("fok", "bob", limit(BUY, TimeInForce.FOK, "100.00", "1.000", null)))
                .expectResultMessagePayload(outcome("fok", OrderStatus.EXPIRED, "NOT_FULLY_FILLABLE", "0.000")));

        assertThat(ofType(events, TradeExecutedEvent.class)).isEmpty();
    }

    @Test
    void anImmediateOrCancelOrderTradesWhatItCanAndItsRemainderExpires() {
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "0.400")))
                .when(submit("ioc", "bob", limit(BUY, TimeInForce.IOC, "100.00", "1.000", null)))
                .expectResultMessagePayload(outcome("ioc", OrderStatus.EXPIRED, "NO_LIQUIDITY", "0.400",
                        fill(1, "100.00", "0.400", "40.00000", "0.05000000", Liquidity.TAKER))));

        assertThat(ofType(events, OrderLeftBookEvent.class)).containsExactly(
                left("maker", "alice", OrderStatus.FILLED, null, "0.400"),
                left("ioc", "bob", OrderStatus.EXPIRED, "NO_LIQUIDITY", "0.400"));
    }

    @Test
    void aMarketBuyByQuoteSpendsItsWholeAmountOnWholeLots() {
        // 150.00 USDT: 1.000 BTC at 100.00, then 50.00 buys 0.250 BTC at 200.00
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("cheap", "alice", limit(SELL, "100.00", "1.000")),
                        submit("dear", "alice", limit(SELL, "200.00", "1.000")))
                .when(submit("spend", "bob", marketBuyByQuote("150.00"), new BigDecimal("150.1875"), NOW))
                .expectResultMessagePayload(outcome("spend", OrderStatus.FILLED, null, "1.250",
                        fill(1, "100.00", "1.000", "100.00000", "0.12500000", Liquidity.TAKER),
                        fill(2, "200.00", "0.250", "50.00000", "0.06250000", Liquidity.TAKER))));

        assertThat(ofType(events, OrderAcceptedByBookEvent.class)).singleElement()
                .satisfies(accepted -> assertThat(accepted.quoteBudget()).isEqualTo(15_000_000L));
        assertThat(ofType(events, TradeExecutedEvent.class)).extracting(TradeExecutedEvent::quoteQuantity)
                .containsExactly(new BigDecimal("100.00000"), new BigDecimal("50.00000"));
    }

    @Test
    void aMarketBuyThatWouldCostMoreThanItsHoldIsRejected() {
        // 1.000 at 100.00 costs 100.00 + 0.125 taker fee
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("ask", "alice", limit(SELL, "100.00", "1.000")))
                .when(submit("buy", "bob", market(BUY, "1.000"), new BigDecimal("100.12499999"), NOW))
                .expectEvents(new OrderRejectedByBookEvent(BTC_USDT, OrderId.of("buy"), AccountId.of("bob"), "INSUFFICIENT_FUNDS"));

        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("ask", "alice", limit(SELL, "100.00", "1.000")))
                .when(submit("buy", "bob", market(BUY, "1.000"), new BigDecimal("100.125"), NOW))
                .expectResultMessagePayload(outcome("buy", OrderStatus.FILLED, null, "1.000",
                        fill(1, "100.00", "1.000", "100.00000", "0.12500000", Liquidity.TAKER)));
    }

    @Test
    void selfTradePreventionExpiresTheIncomingOrderByDefault() {
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("own", "alice", limit(SELL, "100.00", "1.000")))
                .when(submit("taker", "alice", limit(BUY, "100.00", "1.000")))
                .expectResultMessagePayload(outcome("taker", OrderStatus.EXPIRED, "SELF_TRADE", "0.000")));

        assertThat(ofType(events, OrderLeftBookEvent.class)).containsExactly(
                left("taker", "alice", OrderStatus.EXPIRED, "SELF_TRADE", "0.000"));
    }

    @Test
    void selfTradePreventionCanExpireTheRestingOrderAndMatchingGoesOn() {
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("own", "alice", limit(SELL, "100.00", "1.000")),
                        submit("other", "carol", limit(SELL, "100.00", "1.000")))
                .when(submit("taker", "alice", limit(BUY, TimeInForce.GTC, "100.00", "1.000", SelfTradeMode.EXPIRE_MAKER)))
                .expectResultMessagePayload(outcome("taker", OrderStatus.FILLED, null, "1.000",
                        fill(1, "100.00", "1.000", "100.00000", "0.12500000", Liquidity.TAKER))));

        assertThat(ofType(events, OrderLeftBookEvent.class)).containsExactly(
                left("own", "alice", OrderStatus.EXPIRED, "SELF_TRADE", "0.000"),
                left("other", "carol", OrderStatus.FILLED, null, "1.000"),
                left("taker", "alice", OrderStatus.FILLED, null, "1.000"));
    }

    @Test
    void selfTradePreventionCanExpireBothOrders() {
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("own", "alice", limit(SELL, "100.00", "1.000")))
                .when(submit("taker", "alice", limit(BUY, TimeInForce.GTC, "100.00", "1.000", SelfTradeMode.EXPIRE_BOTH))));

        assertThat(ofType(events, OrderLeftBookEvent.class)).containsExactly(
                left("own", "alice", OrderStatus.EXPIRED, "SELF_TRADE", "0.000"),
                left("taker", "alice", OrderStatus.EXPIRED, "SELF_TRADE", "0.000"));
    }

    @Test
    void aStopOrderWaitsOutsideTheBookUntilTheLastPriceReachesItsStop() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("ask", "alice", limit(SELL, "100.00", "1.000")))
                .when(submit("stop", "carol", stopLimit(BUY, "101.00", "102.00", "1.000")))
                .expectEvents(new OrderAcceptedByBookEvent(BTC_USDT, OrderId.of("stop"), AccountId.of("carol"),
                        stopLimit(BUY, "101.00", "102.00", "1.000"), 2, 2, 10_200, 1_000, 0, BookOrders.PLENTY))
                .expectResultMessagePayload(outcome("stop", OrderStatus.NEW, null, "0.000"));

        // a stop waits outside the book: a later sell at 101.00 does not meet it
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("stop", "carol", stopLimit(SELL, "90.00", "95.00", "1.000")))
                .when(submit("sell", "bob", market(SELL, "1.000")))
                .expectResultMessagePayload(outcome("sell", OrderStatus.EXPIRED, "NO_LIQUIDITY", "0.000"));
    }

    @Test
    void triggeredStopsTradeAndTheirTradesTriggerFurtherStops() {
        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(
                        submit("ask101", "dave", limit(SELL, "101.00", "1.000")),
                        submit("ask102", "dave", limit(SELL, "102.00", "1.000")),
                        submit("ask103", "dave", limit(SELL, "103.00", "1.000")),
                        submit("stopAt102", "erin", stopMarket(BUY, "102.00", "0.500")),
                        submit("stopAt101", "carol", stopLimit(BUY, "101.00", "102.00", "1.000")),
                        submit("sellStop", "frank", stopMarket(SELL, "90.00", "1.000")))
                .when(submit("taker", "bob", limit(BUY, "101.00", "1.000"))));

        assertThat(ofType(events, StopOrderTriggeredEvent.class)).containsExactly(
                new StopOrderTriggeredEvent(BTC_USDT, OrderId.of("stopAt101"), AccountId.of("carol"), new BigDecimal("101.00"), 5),
                new StopOrderTriggeredEvent(BTC_USDT, OrderId.of("stopAt102"), AccountId.of("erin"), new BigDecimal("102.00"), 4));
        assertThat(ofType(events, TradeExecutedEvent.class))
                .extracting(trade -> trade.takerOrderId().value(), trade -> trade.price().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("taker", "101.00"),
                        org.assertj.core.groups.Tuple.tuple("stopAt101", "102.00"),
                        org.assertj.core.groups.Tuple.tuple("stopAt102", "103.00"));
    }

    @Test
    void theAnswerListsTheOrdersTradesOnArrivalAlsoAsMakerOfAStopItTriggered() {
        // bob buys 0.500 from alice and rests with 0.500 at 100.00; that trade triggers carol's stop,
        // whose market sell then fills bob's rest: bob is taker, then maker, in one submission
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("ask", "alice", limit(SELL, "100.00", "0.500")),
                        submit("stop", "carol", stopMarket(SELL, "100.00", "0.500")))
                .when(submit("bid", "bob", limit(BUY, "100.00", "1.000")))
                .expectResultMessagePayload(outcome("bid", OrderStatus.FILLED, null, "1.000",
                        fill(1, "100.00", "0.500", "50.00000", "0.06250000", Liquidity.TAKER),
                        fill(2, "100.00", "0.500", "50.00000", "0.03750000", Liquidity.MAKER)));
    }

    @Test
    void cancelingARestingOrderTakesItOutOfTheBook() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "1.000")),
                        submit("taker", "bob", limit(BUY, "100.00", "0.200")))
                .when(new CancelOrderInBookCommand(BTC_USDT, OrderId.of("maker")))
                .expectEvents(left("maker", "alice", OrderStatus.CANCELED, null, "0.200"))
                .expectResultMessagePayload(true);

        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "1.000")),
                        new CancelOrderInBookCommand(BTC_USDT, OrderId.of("maker")))
                .when(submit("taker", "bob", limit(BUY, TimeInForce.IOC, "100.00", "1.000", null)))
                .expectResultMessagePayload(outcome("taker", OrderStatus.EXPIRED, "NO_LIQUIDITY", "0.000"));
    }

    @Test
    void cancelingAnOrderThatIsNotInTheBookAnswersFalseAndRecordsNothing() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("maker", "alice", limit(SELL, "100.00", "1.000")),
                        submit("taker", "bob", limit(BUY, "100.00", "1.000")))
                .when(new CancelOrderInBookCommand(BTC_USDT, OrderId.of("maker")))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aParkedStopOrderCanBeCanceledAndNeverTriggers() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("stop", "carol", stopMarket(BUY, "100.00", "1.000")))
                .when(new CancelOrderInBookCommand(BTC_USDT, OrderId.of("stop")))
                .expectEvents(left("stop", "carol", OrderStatus.CANCELED, null, "0.000"))
                .expectResultMessagePayload(true);

        List<Object> events = published(fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("stop", "carol", stopMarket(BUY, "100.00", "1.000")),
                        new CancelOrderInBookCommand(BTC_USDT, OrderId.of("stop")),
                        submit("ask", "alice", limit(SELL, "100.00", "2.000")))
                .when(submit("taker", "bob", limit(BUY, "100.00", "1.000"))));
        assertThat(ofType(events, StopOrderTriggeredEvent.class)).isEmpty();
    }

    @Test
    void cancelingAllOrdersOfAnAccountCancelsItsRestingAndParkedOrdersOnly() {
        fixture.givenCurrentTime(NOW).andGiven(OPENED)
                .andGivenCommands(submit("a1", "alice", limit(SELL, "100.00", "1.000")),
                        submit("b1", "bob", limit(SELL, "100.00", "1.000")),
                        submit("a2", "alice", limit(BUY, "90.00", "1.000")),
                        submit("a3", "alice", stopLimit(SELL, "80.00", "79.00", "1.000")))
                .when(new CancelAccountOrdersCommand(BTC_USDT, AccountId.of("alice")))
                .expectEvents(left("a1", "alice", OrderStatus.CANCELED, null, "0.000"),
                        left("a2", "alice", OrderStatus.CANCELED, null, "0.000"),
                        left("a3", "alice", OrderStatus.CANCELED, null, "0.000"))
                .expectResultMessagePayload(new CanceledOrders(List.of(OrderId.of("a1"), OrderId.of("a2"), OrderId.of("a3"))));
    }

    private static BookOutcome outcome(String orderId, OrderStatus status, String reason, String executed,
                                       BookOutcome.Fill... fills) {
        return new BookOutcome(OrderId.of(orderId), status, reason, new BigDecimal(executed), List.of(fills));
    }

    /** What a repeated submission answers: the outcome, without fills. */
    private static BookOutcome repeated(String orderId, OrderStatus status, String reason, String executed) {
        return new BookOutcome(OrderId.of(orderId), status, reason, new BigDecimal(executed), null);
    }

    private static BookOutcome.Fill fill(long sequence, String price, String quantity, String quote, String fee,
                                         Liquidity liquidity) {
        return new BookOutcome.Fill(TradeId.of(BTC_USDT, sequence), new BigDecimal(price), new BigDecimal(quantity),
                new BigDecimal(quote), new BigDecimal(fee), USDT, liquidity);
    }

    private static OrderLeftBookEvent left(String orderId, String account, OrderStatus outcome, String reason,
                                           String executed) {
        return new OrderLeftBookEvent(BTC_USDT, OrderId.of(orderId), AccountId.of(account), outcome, reason,
                new BigDecimal(executed));
    }

    private static TradeExecutedEvent trade(long sequence, String price, String quantity, String quote, String makerOrder,
                                            String makerAccount, String takerOrder, String takerAccount, OrderSide takerSide,
                                            String makerFee, String takerFee) {
        return new TradeExecutedEvent(TradeId.of(BTC_USDT, sequence), BTC_USDT, sequence, new BigDecimal(price),
                new BigDecimal(quantity), new BigDecimal(quote), OrderId.of(makerOrder), AccountId.of(makerAccount),
                OrderId.of(takerOrder), AccountId.of(takerAccount), takerSide, new BigDecimal(makerFee),
                new BigDecimal(takerFee), USDT);
    }

    /** The payloads the command published, in order. */
    static List<Object> published(ResultValidator<Market> result) {
        List<Object> payloads = new ArrayList<>();
        result.expectSuccessfulHandlerExecution().expectEventsMatching(new CustomTypeSafeMatcher<List<EventMessage<?>>>("published events") {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                events.forEach(event -> payloads.add(event.getPayload()));
                return true;
            }
        });
        return payloads;
    }

    private static <E> List<E> ofType(List<Object> events, Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
