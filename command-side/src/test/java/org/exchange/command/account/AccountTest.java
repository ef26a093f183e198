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
import org.exchange.api.account.ReleaseFundsCommand;
import org.exchange.api.account.ReserveFundsCommand;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.order.OrderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.axonframework.test.matchers.Matchers.predicate;

class AccountTest {

    private static final AccountId ALICE = AccountId.of("4f1c2a7e-0000-4000-8000-000000000001");
    private static final Asset USDT = Asset.of("USDT");
    private static final Asset BTC = Asset.of("BTC");

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
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
        fixture.given(new AccountOpenedEvent(ALICE, "alice"), deposited("d-1", USDT, "1.00000000", "1.00000000"))
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

    private static org.hamcrest.Matcher<Object> refusedWith(ErrorCode code) {
        return predicate(failure -> failure instanceof ExchangeException refusal && refusal.code() == code);
    }
}
