package org.exchange.command.account;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.AccountOpenedEvent;
import org.exchange.api.account.DepositFundsCommand;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.DepositReceipt;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservationRejectedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.HoldResult;
import org.exchange.api.account.HoldVoidedEvent;
import org.exchange.api.account.OpenOrderLimitReachedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.account.ReleaseFundsCommand;
import org.exchange.api.account.ReserveFundsCommand;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.order.OrderId;
import org.exchange.api.trade.TradeId;
import org.exchange.command.EventSourcedHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.test.matchers.Matchers.predicate;

class AccountTest {

    private static final AccountId ALICE = AccountId.of("4f1c2a7e-0000-4000-8000-000000000001");
    private static final Asset USDT = Asset.of("USDT");
    private static final Asset BTC = Asset.of("BTC");

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = withOpenOrderLimit(200);
    }

    private static FixtureConfiguration<Account> withOpenOrderLimit(int maxOpenOrders) {
        FixtureConfiguration<Account> fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerInjectableResource(new AccountLimits(maxOpenOrders));
        return fixture;
    }

    private static DepositFundsCommand deposit(String id, Asset asset, String amount) {
        return new DepositFundsCommand(ALICE, "alice", DepositId.of(id), asset, new BigDecimal(amount));
    }

    private static FundsDepositedEvent deposited(String id, Asset asset, String amount, String after) {
        return new FundsDepositedEvent(ALICE, DepositId.of(id), asset, new BigDecimal(amount), new BigDecimal(after));
    }

    @Test
    void firstDepositOpensTheAccountAndCreditsIt() {
        fixture.givenNoPriorActivity()
                .when(deposit("d-1", USDT, "1000.00000000"))
                .expectEvents(new AccountOpenedEvent(ALICE, "alice"),
                        deposited("d-1", USDT, "1000.00000000", "1000.00000000"))
                .expectResultMessagePayloadMatching(predicate(
                        receipt -> !((DepositReceipt) receipt).duplicate()));
    }

    @Test
    void laterDepositsAddToTheAvailableBalanceOfTheirAssetOnly() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"),
                        deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        deposited("d-2", BTC, "0.50000000", "0.50000000"))
                .when(deposit("d-3", USDT, "0.00000001"))
                .expectEvents(deposited("d-3", USDT, "0.00000001", "1000.00000001"));
    }

    @Test
    void repeatingADepositIdCreditsNothingAndAnswersTheOriginal() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "10.00000000", "10.00000000"))
                .when(deposit("d-1", USDT, "10.00000000"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(predicate(
                        receipt -> ((DepositReceipt) receipt).duplicate()));
    }

    @Test
    void reusingADepositIdForADifferentAmountIsRefused() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "10.00000000", "10.00000000"))
                .when(deposit("d-1", USDT, "11.00000000"))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.DUPLICATE_DEPOSIT));
    }

    @Test
    void aZeroOrNegativeDepositIsRefusedWithoutOpeningTheAccount() {
        fixture.givenNoPriorActivity()
                .when(deposit("d-1", USDT, "0"))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_AMOUNT));
        fixture.givenNoPriorActivity()
                .when(deposit("d-2", USDT, "-1"))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_AMOUNT));
    }

    private static final OrderId ORDER = OrderId.of("o-1");

    private static FundsReservedEvent reserved(String amount, String availableAfter, String heldAfter) {
        return new FundsReservedEvent(ALICE, ORDER, USDT, new BigDecimal(amount), new BigDecimal(availableAfter),
                new BigDecimal(heldAfter));
    }

    @Test
    void reservingMovesFundsFromAvailableToHeld() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, new BigDecimal("250.50000000")))
                .expectEvents(reserved("250.50000000", "749.50000000", "250.50000000"));
    }

    @Test
    void reservingMoreThanIsAvailableIsRecordedAsARejectionAndMovesNothing() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "10.00000000", "10.00000000"))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, new BigDecimal("10.00000001")))
                .expectEvents(new FundsReservationRejectedEvent(ALICE, ORDER, USDT, new BigDecimal("10.00000001"),
                        new BigDecimal("10.00000000")));
    }

    @Test
    void fundsAlreadyHeldForOtherOrdersAreNotAvailable() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "100.00000000", "100.00000000"),
                        new FundsReservedEvent(ALICE, OrderId.of("o-0"), USDT, new BigDecimal("60.00000000"),
                                new BigDecimal("40.00000000"), new BigDecimal("60.00000000")))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, new BigDecimal("50.00000000")))
                .expectEvents(new FundsReservationRejectedEvent(ALICE, ORDER, USDT, new BigDecimal("50.00000000"),
                        new BigDecimal("40.00000000")));
    }

    @Test
    void aRepeatedReservationChangesNothingWhateverItsFirstOutcome() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reserved("100.00000000", "900.00000000", "100.00000000"))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, new BigDecimal("100.00000000")))
                .expectNoEvents();
        fixture.given(new AccountOpenedEvent(ALICE, "alice"),
                        new FundsReservationRejectedEvent(ALICE, ORDER, USDT, BigDecimal.TEN, BigDecimal.ZERO),
                        deposited("d-1", USDT, "1000.00000000", "1000.00000000"))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, BigDecimal.TEN))
                .expectNoEvents();
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reserved("100.00000000", "900.00000000", "100.00000000"),
                        new FundsReleasedEvent(ALICE, ORDER, USDT, new BigDecimal("100.00000000"),
                                new BigDecimal("1000.00000000"), new BigDecimal("0.00000000")))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, new BigDecimal("100.00000000")))
                .expectNoEvents();
    }

    @Test
    void releasingReturnsWhatTheOrderStillHoldsExactlyOnce() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reserved("100.00000000", "900.00000000", "100.00000000"))
                .when(new ReleaseFundsCommand(ALICE, ORDER))
                .expectEvents(new FundsReleasedEvent(ALICE, ORDER, USDT, new BigDecimal("100.00000000"),
                        new BigDecimal("1000.00000000"), new BigDecimal("0.00000000")));
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reserved("100.00000000", "900.00000000", "100.00000000"),
                        new FundsReleasedEvent(ALICE, ORDER, USDT, new BigDecimal("100.00000000"),
                                new BigDecimal("1000.00000000"), new BigDecimal("0.00000000")))
                .when(new ReleaseFundsCommand(ALICE, ORDER))
                .expectNoEvents();
    }

    @Test
    void releasingAnOrderThatHoldsNothingChangesNothing() {
        // an order that never reserved at all is not "holding nothing": its hold is voided (see below)
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1.00000000", "1.00000000"),
                        new FundsReservationRejectedEvent(ALICE, ORDER, USDT, BigDecimal.TEN, new BigDecimal("1.00000000")))
                .when(new ReleaseFundsCommand(ALICE, ORDER))
                .expectNoEvents();
    }

    @Test
    void aReservationMustBePositive() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1.00000000", "1.00000000"))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, BigDecimal.ZERO))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_AMOUNT));
    }

    @Test
    void reservingWithoutAnAmountHoldsAllThatIsAvailable() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "250.00000000", "250.00000000"))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, null))
                .expectEvents(reserved("250.00000000", "0.00000000", "250.00000000"))
                .expectResultMessagePayload(HoldResult.held(new BigDecimal("250.00000000")));
    }

    @Test
    void reservingAllOfNothingIsARejectionOfZero() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", BTC, "1.00000000", "1.00000000"))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, null))
                .expectEvents(new FundsReservationRejectedEvent(ALICE, ORDER, USDT, BigDecimal.ZERO, BigDecimal.ZERO))
                .expectResultMessagePayload(HoldResult.refused(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void aRepeatedReservationAnswersItsFirstOutcome() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reserved("100.00000000", "900.00000000", "100.00000000"))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, null))
                .expectNoEvents()
                .expectResultMessagePayload(HoldResult.held(new BigDecimal("100.00000000")));
        fixture.given(new AccountOpenedEvent(ALICE, "alice"),
                        new FundsReservationRejectedEvent(ALICE, ORDER, USDT, BigDecimal.TEN, BigDecimal.ZERO))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, BigDecimal.TEN))
                .expectNoEvents()
                .expectResultMessagePayload(HoldResult.refused(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void aRepeatedReservationWithAnotherAssetOrAmountIsRefused() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reserved("100.00000000", "900.00000000", "100.00000000"))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, new BigDecimal("100.00000001")))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reserved("100.00000000", "900.00000000", "100.00000000"))
                .when(new ReserveFundsCommand(ALICE, ORDER, BTC, null))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void aReleaseBeforeAnyReservationVoidsTheHoldSoALateReservationIsRejected() {
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"))
                .when(new ReleaseFundsCommand(ALICE, ORDER))
                .expectEvents(new HoldVoidedEvent(ALICE, ORDER));
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        new HoldVoidedEvent(ALICE, ORDER))
                .when(new ReserveFundsCommand(ALICE, ORDER, USDT, new BigDecimal("100.00000000")))
                .expectEvents(new FundsReservationRejectedEvent(ALICE, ORDER, USDT, new BigDecimal("100.00000000"),
                        new BigDecimal("1000.00000000")))
                .expectResultMessagePayload(HoldResult.refused(ErrorCode.INSUFFICIENT_FUNDS));
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), new HoldVoidedEvent(ALICE, ORDER))
                .when(new ReleaseFundsCommand(ALICE, ORDER))
                .expectNoEvents();
    }

    @Test
    void releasingOnAnAccountThatWasNeverFundedIsANoOp() {
        fixture.givenNoPriorActivity()
                .when(new ReleaseFundsCommand(ALICE, ORDER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static FundsReservedEvent reservedFor(String order, String availableAfter, String heldAfter) {
        return new FundsReservedEvent(ALICE, OrderId.of(order), USDT, new BigDecimal("10.00000000"),
                new BigDecimal(availableAfter), new BigDecimal(heldAfter));
    }

    private static ReserveFundsCommand reserveTenFor(String order) {
        return new ReserveFundsCommand(ALICE, OrderId.of(order), USDT, new BigDecimal("10.00000000"));
    }

    @Test
    void anOrderBeyondTheOpenOrderLimitIsRecordedAsRefusedAndHoldsNothing() {
        withOpenOrderLimit(2)
                .given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reservedFor("o-1", "990.00000000", "10.00000000"),
                        reservedFor("o-2", "980.00000000", "20.00000000"))
                .when(reserveTenFor("o-3"))
                .expectEvents(new OpenOrderLimitReachedEvent(ALICE, OrderId.of("o-3"), USDT, new BigDecimal("10.00000000"), 2, 2))
                .expectResultMessagePayload(HoldResult.refused(ErrorCode.TOO_MANY_OPEN_ORDERS));
    }

    @Test
    void theLimitIsCheckedBeforeTheFunds() {
        withOpenOrderLimit(1)
                .given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "10.00000000", "10.00000000"),
                        reservedFor("o-1", "0.00000000", "10.00000000"))
                .when(new ReserveFundsCommand(ALICE, OrderId.of("o-2"), USDT, null))
                .expectEvents(new OpenOrderLimitReachedEvent(ALICE, OrderId.of("o-2"), USDT, null, 1, 1))
                .expectResultMessagePayload(HoldResult.refused(ErrorCode.TOO_MANY_OPEN_ORDERS));
    }

    @Test
    void anOrderStopsCountingOnceWhatItHeldIsReleased() {
        withOpenOrderLimit(2)
                .given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reservedFor("o-1", "990.00000000", "10.00000000"),
                        reservedFor("o-2", "980.00000000", "20.00000000"),
                        new OpenOrderLimitReachedEvent(ALICE, OrderId.of("o-3"), USDT, new BigDecimal("10.00000000"), 2, 2),
                        new FundsReleasedEvent(ALICE, OrderId.of("o-1"), USDT, new BigDecimal("10.00000000"),
                                new BigDecimal("990.00000000"), new BigDecimal("10.00000000")))
                .when(reserveTenFor("o-4"))
                .expectEvents(reservedFor("o-4", "980.00000000", "20.00000000"))
                .expectResultMessagePayload(HoldResult.held(new BigDecimal("10.00000000")));
    }

    @Test
    void aRepeatAnswersTheFirstOutcomeWhateverTheOpenOrdersNow() {
        // refused for the limit: still refused after another order made room
        withOpenOrderLimit(1)
                .given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reservedFor("o-1", "990.00000000", "10.00000000"),
                        new OpenOrderLimitReachedEvent(ALICE, OrderId.of("o-2"), USDT, new BigDecimal("10.00000000"), 1, 1),
                        new FundsReleasedEvent(ALICE, OrderId.of("o-1"), USDT, new BigDecimal("10.00000000"),
                                new BigDecimal("1000.00000000"), new BigDecimal("0.00000000")))
                .when(reserveTenFor("o-2"))
                .expectNoEvents()
                .expectResultMessagePayload(HoldResult.refused(ErrorCode.TOO_MANY_OPEN_ORDERS));
        // held: a retry of an order that counts towards the limit is not refused by it
        withOpenOrderLimit(1)
                .given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reservedFor("o-1", "990.00000000", "10.00000000"))
                .when(reserveTenFor("o-1"))
                .expectNoEvents()
                .expectResultMessagePayload(HoldResult.held(new BigDecimal("10.00000000")));
    }

    @Test
    void aLowerLimitChangesNoPastAnswerAndRefusesOnlyNewOrders() {
        // three orders opened under an earlier, higher limit replay as they were, and still settle and release
        withOpenOrderLimit(1)
                .given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reservedFor("o-1", "990.00000000", "10.00000000"),
                        reservedFor("o-2", "980.00000000", "20.00000000"),
                        reservedFor("o-3", "970.00000000", "30.00000000"))
                .when(new ReleaseFundsCommand(ALICE, OrderId.of("o-3")))
                .expectEvents(new FundsReleasedEvent(ALICE, OrderId.of("o-3"), USDT, new BigDecimal("10.00000000"),
                        new BigDecimal("980.00000000"), new BigDecimal("20.00000000")));
        withOpenOrderLimit(1)
                .given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                        reservedFor("o-1", "990.00000000", "10.00000000"),
                        reservedFor("o-2", "980.00000000", "20.00000000"))
                .when(reserveTenFor("o-4"))
                .expectEvents(new OpenOrderLimitReachedEvent(ALICE, OrderId.of("o-4"), USDT, new BigDecimal("10.00000000"), 2, 1));
    }

    private static final TradeId TRADE = TradeId.of("BTC-USDT-7");

    private EventSourcedHarness<Account> aliceHolding(String usdt) {
        return new EventSourcedHarness<>(Account.class, ALICE.value(), new AccountOpenedEvent(ALICE, "alice"),
                deposited("d-1", USDT, "1000.00000000", "1000.00000000"),
                reserved(usdt, new BigDecimal("1000.00000000").subtract(new BigDecimal(usdt)).toPlainString(), usdt));
    }

    @Test
    void aBuyersSettlementTakesNotionalAndFeeFromTheHoldAndCreditsTheBaseOnce() {
        EventSourcedHarness<Account> alice = aliceHolding("100.20000000");

        List<Object> events = alice.when(account -> account.settleTrade(TRADE, ORDER, USDT,
                new BigDecimal("50.05000000"), BTC, new BigDecimal("0.50000"), new BigDecimal("0.05000000")),
                Account::unopened);

        assertThat(events).containsExactly(new TradeSettledOnAccountEvent(ALICE, TRADE, ORDER, USDT,
                new BigDecimal("50.05000000"), new BigDecimal("50.15000000"), BTC, new BigDecimal("0.50000"),
                new BigDecimal("0.50000"), new BigDecimal("0.05000000")));
        assertThat(alice.when(account -> account.settleTrade(TRADE, ORDER, USDT, new BigDecimal("50.05000000"), BTC,
                new BigDecimal("0.50000"), new BigDecimal("0.05000000")), Account::unopened))
                .as("the same trade again").isEmpty();
    }

    @Test
    void aSettlementTheOrdersHoldCannotCoverIsABugAndMovesNothing() {
        EventSourcedHarness<Account> alice = aliceHolding("50.00000000");
        alice.when(account -> account.settleTrade(TradeId.of("BTC-USDT-1"), ORDER, USDT, new BigDecimal("30.00000000"),
                BTC, new BigDecimal("0.3"), BigDecimal.ZERO), Account::unopened);

        assertThatThrownBy(() -> alice.when(account -> account.settleTrade(TRADE, ORDER, USDT,
                new BigDecimal("20.00000001"), BTC, new BigDecimal("0.2"), BigDecimal.ZERO), Account::unopened))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("20.00000001");
        assertThatThrownBy(() -> alice.when(account -> account.settleTrade(TRADE, OrderId.of("o-unknown"), USDT,
                BigDecimal.ONE, BTC, BigDecimal.ONE, BigDecimal.ZERO), Account::unopened))
                .isInstanceOf(IllegalStateException.class);
        assertThat(alice.when(account -> account.settleTrade(TRADE, ORDER, USDT, new BigDecimal("20.00000000"), BTC,
                new BigDecimal("0.2"), BigDecimal.ZERO), Account::unopened)).as("exactly the rest of the hold").hasSize(1);
    }

    @Test
    void theFirstFeeOpensTheFeeAccountAndEachTradesFeeIsCollectedOnce() {
        AccountId fees = AccountId.of("fees:BTC-USDT");
        EventSourcedHarness<Account> feeAccount = new EventSourcedHarness<>(Account.class, fees.value());

        List<Object> first = feeAccount.when(account -> account.collectFee(fees, TRADE, USDT,
                new BigDecimal("0.15000000")), Account::unopened);
        List<Object> again = feeAccount.when(account -> account.collectFee(fees, TRADE, USDT,
                new BigDecimal("0.15000000")), Account::unopened);
        List<Object> next = feeAccount.when(account -> account.collectFee(fees, TradeId.of("BTC-USDT-8"), USDT,
                new BigDecimal("0.01000000")), Account::unopened);

        assertThat(first).containsExactly(new AccountOpenedEvent(fees, "exchange-fees"),
                new FeeCollectedEvent(fees, TRADE, USDT, new BigDecimal("0.15000000"), new BigDecimal("0.15000000")));
        assertThat(again).isEmpty();
        assertThat(next).containsExactly(new FeeCollectedEvent(fees, TradeId.of("BTC-USDT-8"), USDT,
                new BigDecimal("0.01000000"), new BigDecimal("0.16000000")));
    }

    private static org.hamcrest.Matcher<Object> refusedWith(ErrorCode code) {
        return predicate(failure -> failure instanceof ExchangeException refusal && refusal.code() == code);
    }
}
