package org.exchange.saga.order;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.SagaTestFixture;
import org.exchange.api.account.ReleaseFundsCommand;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.CancelOrderInBookCommand;
import org.exchange.api.order.AcceptOrderCommand;
import org.exchange.api.order.CloseOrderCommand;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.RejectOrderCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

class OrderSagaTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final AnOrder order = AnOrder.of("trader-1");
    private SagaTestFixture<OrderSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderSaga.class);
    }

    @Nested
    class AnOrderThatFills {

        @Test
        void placingAnOrderStartsItsSagaAndGivesTheBookTenSecondsToAnswer() {
            Instant placedAt = fixture.currentTime();

            fixture.givenNoPriorActivity()
                    .whenPublishingA(order.placed(placedAt))
                    .expectActiveSagas(1)
                    .expectAssociationWith("orderId", order.orderId().value())
                    .expectScheduledDeadlineWithName(placedAt.plus(WINDOW), OrderSaga.SUBMISSION_DEADLINE)
                    .expectNoDispatchedCommands();
        }

        @Test
        void theBooksAcceptanceMakesTheOrderNewAndCancelsTheSubmissionDeadline() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .whenPublishingA(order.acceptedByBook())
                    .expectDispatchedCommands(new AcceptOrderCommand(order.orderId()))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void leavingTheBookFilledClosesTheOrderWithTheExecutedQuantity() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.acceptedByBook())
                    .whenPublishingA(order.leftBook(OrderStatus.FILLED, "0.50000"))
                    .expectDispatchedCommands(new CloseOrderCommand(order.orderId(), OrderStatus.FILLED, null,
                            new BigDecimal("0.50000")))
                    .expectActiveSagas(1);
        }

        @Test
        void theClosedOrderGetsWhatItStillHoldsReleasedAndTheSagaEnds() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.acceptedByBook())
                    .andThenAPublished(order.leftBook(OrderStatus.FILLED, "0.50000"))
                    .whenPublishingA(order.closed(OrderStatus.FILLED, "0.50000"))
                    .expectDispatchedCommands(new ReleaseFundsCommand(order.accountId(), order.orderId()))
                    .expectActiveSagas(0);
        }
    }

    @Nested
    class AnOrderWithoutTheFunds {

        @Test
        void aRefusedReservationRejectsTheOrderForInsufficientFunds() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .whenPublishingA(order.reservationRejected())
                    .expectDispatchedCommands(new RejectOrderCommand(order.orderId(), "INSUFFICIENT_FUNDS"));
        }

        @Test
        void theRejectedOrderIsReleasedAndNothingIsLeftScheduled() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.reservationRejected())
                    .whenPublishingA(order.rejected("INSUFFICIENT_FUNDS"))
                    .expectDispatchedCommands(new ReleaseFundsCommand(order.accountId(), order.orderId()))
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(0);
        }

        @Test
        void anAccountThatNeverExistedHasNothingToReleaseAndTheSagaStillEnds() {
            fixture.setCallbackBehavior((command, metaData) -> {
                if (command instanceof ReleaseFundsCommand) {
                    throw new AggregateNotFoundException(order.accountId().value(), "The aggregate was not found");
                }
                return null;
            });
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.reservationRejected())
                    .whenPublishingA(order.rejected("INSUFFICIENT_FUNDS"))
                    .expectSuccessfulHandlerExecution()
                    .expectActiveSagas(0);
        }

        @Test
        void anyOtherFailureOfTheReleaseKeepsTheSagaSoTheEventIsRetried() {
            fixture.setCallbackBehavior((command, metaData) -> {
                if (command instanceof ReleaseFundsCommand) {
                    throw new IllegalStateException("command side unreachable");
                }
                return null;
            });
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.reservationRejected())
                    .whenPublishingA(order.rejected("INSUFFICIENT_FUNDS"))
                    .expectActiveSagas(1);
        }
    }

    @Nested
    class AnOrderBeyondTheOpenOrderLimit {

        @Test
        void isRejectedWithThatReason() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .whenPublishingA(order.openOrderLimitReached())
                    .expectDispatchedCommands(new RejectOrderCommand(order.orderId(), "TOO_MANY_OPEN_ORDERS"));
        }

        @Test
        void theRejectedOrderIsReleasedAndNothingIsLeftScheduled() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.openOrderLimitReached())
                    .whenPublishingA(order.rejected("TOO_MANY_OPEN_ORDERS"))
                    .expectDispatchedCommands(new ReleaseFundsCommand(order.accountId(), order.orderId()))
                    .expectNoScheduledDeadlines()
                    .expectActiveSagas(0);
        }
    }

    @Nested
    class AnOrderTheBookRefuses {

        @Test
        void aPostOnlyOrderThatWouldTakeIsRejectedWithTheBooksReason() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .whenPublishingA(order.rejectedByBook("WOULD_TAKE"))
                    .expectDispatchedCommands(new RejectOrderCommand(order.orderId(), "WOULD_TAKE"))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void theRejectionReleasesTheHoldAndEndsTheSaga() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.rejectedByBook("WOULD_TAKE"))
                    .whenPublishingA(order.rejected("WOULD_TAKE"))
                    .expectDispatchedCommands(new ReleaseFundsCommand(order.accountId(), order.orderId()))
                    .expectActiveSagas(0);
        }
    }

    @Nested
    class ACanceledOrder {

        @Test
        void aCancelBeforeTheBookAcceptedTheOrderWaitsForTheAcceptance() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .whenPublishingA(order.cancelRequested())
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        void theAcceptanceAfterACancelRequestTakesTheOrderOutOfTheBookAtOnce() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.cancelRequested())
                    .whenPublishingA(order.acceptedByBook())
                    .expectDispatchedCommands(new AcceptOrderCommand(order.orderId()),
                            new CancelOrderInBookCommand(AnOrder.MARKET, order.orderId()));
        }

        @Test
        void aCancelAfterTheAcceptanceGoesToTheBook() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.acceptedByBook())
                    .whenPublishingA(order.cancelRequested())
                    .expectDispatchedCommands(new CancelOrderInBookCommand(AnOrder.MARKET, order.orderId()));
        }

        @Test
        void aCancelAfterTheOrderLeftTheBookSendsNothing() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.acceptedByBook())
                    .andThenAPublished(order.leftBook(OrderStatus.FILLED, "0.50000"))
                    .whenPublishingA(order.cancelRequested())
                    .expectNoDispatchedCommands();
        }

        @Test
        void leavingTheBookCanceledClosesTheOrderAsCanceled() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.acceptedByBook())
                    .andThenAPublished(order.cancelRequested())
                    .whenPublishingA(order.leftBook(OrderStatus.CANCELED, "0.10000"))
                    .expectDispatchedCommands(new CloseOrderCommand(order.orderId(), OrderStatus.CANCELED, null,
                            new BigDecimal("0.10000")));
        }
    }

    /** The command side away when the submission deadline fires (killed, restarting). */
    @Nested
    class ARejectTheCommandSideDidNotTake {

        @Test
        void isTriedAgainSoonInsteadOfFailingTheDeadline() {
            fixture.setCallbackBehavior((command, metaData) -> {
                if (command instanceof RejectOrderCommand) {
                    throw new IllegalStateException("no node handles RejectOrderCommand");
                }
                return null;
            });
            Instant placedAt = fixture.currentTime();
            fixture.givenAPublished(order.placed(placedAt))
                    .whenTimeElapses(WINDOW.plusSeconds(1))
                    .expectTriggeredDeadlinesWithName(OrderSaga.SUBMISSION_DEADLINE)
                    .expectScheduledDeadlineWithName(placedAt.plus(WINDOW).plus(OrderSaga.REJECT_RETRY),
                            OrderSaga.SUBMISSION_DEADLINE)
                    .expectActiveSagas(1);
        }

        @Test
        void aRefusalOfTheRejectIsNotRetried() {
            fixture.setCallbackBehavior((command, metaData) -> {
                if (command instanceof RejectOrderCommand) {
                    throw new ExchangeException(ErrorCode.ALREADY_CLOSED, "the order is closed");
                }
                return null;
            });
            var placed = fixture.givenAPublished(order.placed(fixture.currentTime()));

            // the deadline fails as before (the order's own answer is what counts), no quick retry is armed
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> placed.whenTimeElapses(WINDOW.plusSeconds(1)))
                    .hasRootCauseInstanceOf(ExchangeException.class);
        }
    }

    /** At-least-once delivery: the tracking processor may hand the saga an event it has handled before. */
    @Nested
    class AnEventDeliveredAgain {

        @Test
        void aPlacementAgainAfterTheBooksAcceptanceDoesNotArmTheSubmissionDeadlineAgain() {
            Instant placedAt = fixture.currentTime();
            fixture.givenAPublished(order.placed(placedAt))
                    .andThenAPublished(order.acceptedByBook())
                    .whenPublishingA(order.placed(placedAt))
                    .expectNoScheduledDeadlines()
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        void aPlacementAgainBeforeTheBooksAnswerLeavesOneDeadlineWhichTheAcceptanceCancels() {
            Instant placedAt = fixture.currentTime();
            fixture.givenAPublished(order.placed(placedAt))
                    .andThenAPublished(order.placed(placedAt))
                    .andThenAPublished(order.acceptedByBook())
                    .whenTimeElapses(WINDOW.plusSeconds(1))
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }
    }

    @Nested
    class AnOrderTheBookNeverAnswered {

        @Test
        void tenSecondsAfterThePlacementTheOrderIsRejectedForSubmissionTimeout() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .whenTimeElapses(WINDOW)
                    .expectTriggeredDeadlinesWithName(OrderSaga.SUBMISSION_DEADLINE)
                    .expectDispatchedCommands(new RejectOrderCommand(order.orderId(), "SUBMISSION_TIMEOUT"));
        }

        @Test
        void theWindowCountsFromThePlacementNotFromWhenTheSagaSawIt() {
            fixture.givenAPublished(order.placed(fixture.currentTime().minusSeconds(7)))
                    .whenTimeElapses(Duration.ofSeconds(3))
                    .expectDispatchedCommands(new RejectOrderCommand(order.orderId(), "SUBMISSION_TIMEOUT"));
        }

        @Test
        void aCancelRequestDoesNotKeepTheTimedOutOrderAlive() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.cancelRequested())
                    .whenTimeElapses(WINDOW)
                    .expectDispatchedCommands(new RejectOrderCommand(order.orderId(), "SUBMISSION_TIMEOUT"));
        }

        @Test
        void theTimedOutOrderIsReleasedAndTheSagaEnds() throws Exception {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenTimeElapses(WINDOW)
                    .whenPublishingA(order.rejected("SUBMISSION_TIMEOUT"))
                    .expectDispatchedCommands(new ReleaseFundsCommand(order.accountId(), order.orderId()))
                    .expectActiveSagas(0);
        }

        @Test
        void noTimeoutOnceTheBookAcceptedTheOrder() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.acceptedByBook())
                    .whenTimeElapses(WINDOW.plusSeconds(1))
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        void noTimeoutOnceTheBookRefusedTheOrder() {
            fixture.givenAPublished(order.placed(fixture.currentTime()))
                    .andThenAPublished(order.rejectedByBook("MARKET_HALTED"))
                    .whenTimeElapses(WINDOW.plusSeconds(1))
                    .expectNoDispatchedCommands();
        }
    }

    /** The saga processor runs behind the event store (under load): its deadlines must not cost it. */
    @Nested
    class ASagaThatIsBehind {

        @Test
        void aDeadlineAboutToFireIsNotCanceledButDoesNothingOnceTheBookAnswered() {
            Instant placedAt = fixture.currentTime().minusSeconds(9);

            fixture.givenAPublished(order.placed(placedAt))
                    .whenPublishingA(order.acceptedByBook())
                    .expectDispatchedCommands(new AcceptOrderCommand(order.orderId()))
                    .expectScheduledDeadlineWithName(placedAt.plus(WINDOW), OrderSaga.SUBMISSION_DEADLINE);
        }

        @Test
        void thatDeadlineFiresWithoutRejectingTheOrder() {
            fixture.givenAPublished(order.placed(fixture.currentTime().minusSeconds(9)))
                    .andThenAPublished(order.acceptedByBook())
                    .whenTimeElapses(Duration.ofSeconds(2))
                    .expectTriggeredDeadlinesWithName(OrderSaga.SUBMISSION_DEADLINE)
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        void aPlacementSeenAfterItsWindowGivesTheBooksAnswerAGracePeriod() {
            fixture.givenAPublished(order.placed(fixture.currentTime().minusSeconds(12)))
                    .whenTimeElapses(OrderSaga.LATE_GRACE.minusSeconds(1))
                    .expectNoDispatchedCommands();
        }

        @Test
        void afterWhichAnOrderTheBookNeverAnsweredIsRejected() {
            fixture.givenAPublished(order.placed(fixture.currentTime().minusSeconds(12)))
                    .whenTimeElapses(OrderSaga.LATE_GRACE.plusSeconds(1))
                    .expectDispatchedCommands(new RejectOrderCommand(order.orderId(), "SUBMISSION_TIMEOUT"));
        }

        @Test
        void theBooksAnswerWithinTheGracePeriodCancelsTheDeadline() {
            fixture.givenAPublished(order.placed(fixture.currentTime().minusSeconds(12)))
                    .whenPublishingA(order.acceptedByBook())
                    .expectDispatchedCommands(new AcceptOrderCommand(order.orderId()))
                    .expectNoScheduledDeadlines();
        }
    }
}
