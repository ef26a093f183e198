package org.exchange.saga.order;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.FundsReservationRejectedEvent;
import org.exchange.api.account.OpenOrderLimitReachedEvent;
import org.exchange.api.account.ReleaseFundsCommand;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.market.CancelOrderInBookCommand;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.OrderAcceptedByBookEvent;
import org.exchange.api.market.OrderLeftBookEvent;
import org.exchange.api.market.OrderRejectedByBookEvent;
import org.exchange.api.order.AcceptOrderCommand;
import org.exchange.api.order.CloseOrderCommand;
import org.exchange.api.order.OrderCancelRequestedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderRejectedEvent;
import org.exchange.api.order.RejectOrderCommand;
import org.exchange.platform.web.ExchangeFailures;
import org.exchange.saga.dispatch.CommandDispatch;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;

/**
 * Carries one order from its placement to the release of what it still holds (ADR 0008, "the
 * asynchronous rest"). Guarantees:
 * <ul>
 *   <li>an order the book never answered within {@link #SUBMISSION_WINDOW} of its placement is
 *       rejected with {@code SUBMISSION_TIMEOUT} (a persistent deadline: it survives restarts); when the
 *       saga sees the placement only after that window (it is behind), {@link #LATE_GRACE} after it
 *       does, so that the book's answer, already stored right behind the placement, can cancel the
 *       deadline first (the market itself takes no order older than 8 s);</li>
 *   <li>a refused reservation or a refusal by the book rejects the order with that reason;</li>
 *   <li>the book's acceptance makes the order NEW; a cancel reaches the book once the book holds the
 *       order, even when the cancel was asked before the acceptance arrived;</li>
 *   <li>the book's last word on an order closes it; a rejected or closed order gets its remaining
 *       hold released (an account that never existed holds nothing), and only then the saga ends.</li>
 * </ul>
 * Every command waits for its outcome; a failure is thrown, so the event processor retries the
 * event (the commands are idempotent). The state is written to the saga store as JSON: only ids,
 * an enum and flags; the Axon components are transient and injected again after loading.
 */
@Saga
@ProcessingGroup(OrderSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
public class OrderSaga {

    public static final String PROCESSING_GROUP = "order-saga";
    public static final String SUBMISSION_DEADLINE = "order-submission";
    /** Longer than the market's own window (8 s), so a late submission never races the rejection. */
    public static final Duration SUBMISSION_WINDOW = Duration.ofSeconds(10);
    /** How long a saga that saw the placement after its window gives the book's answer to arrive. */
    static final Duration LATE_GRACE = Duration.ofSeconds(5);

    /** How soon a submission timeout whose reject the command side did not take is tried again. */
    static final Duration REJECT_RETRY = Duration.ofSeconds(2);
    /**
     * A deadline due within this is left to fire instead of being canceled: db-scheduler may be running
     * it already, and a cancel then fails the event (TaskInstanceCurrentlyExecutingException), which
     * stops the whole processor segment for a second's retry. Fired after the book answered, it does nothing.
     */
    static final Duration CANCEL_MARGIN = Duration.ofSeconds(2);

    private static final String ORDER_ID = "orderId";

    /** Where the order is with respect to the market's book. */
    enum Book {
        /** Not answered yet: the order may still arrive, or the controller died before submitting it. */
        AWAITED,
        /** Accepted: it rests (or waits for its stop price) until it leaves the book. */
        HOLDS_ORDER,
        /** Refused it, or the order left it: there is nothing to cancel any more. */
        DONE
    }

    private OrderId orderId;
    private AccountId accountId;
    private MarketId marketId;
    private Book book = Book.AWAITED;
    private boolean cancelRequested;
    /** The pending submission deadline, {@code null} once the book answered or the deadline fired. */
    private String submissionDeadlineId;
    /** When it is due; {@code null} in sagas stored before this was kept. */
    private Instant submissionDeadlineAt;

    private transient CommandGateway commands;
    private transient DeadlineManager deadlines;

    @Autowired
    public void setCommandGateway(CommandGateway commands) {
        this.commands = commands;
    }

    @Autowired
    public void setDeadlineManager(DeadlineManager deadlines) {
        this.deadlines = deadlines;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderPlacedEvent placed) {
        if (orderId != null) {
            // delivered again (a redelivery after a crash): the deadline was armed then, and may be gone
            // because the book answered; arming another would only reject an order the book holds
            return;
        }
        orderId = placed.orderId();
        accountId = placed.accountId();
        marketId = placed.terms().marketId();
        // from the placement, not from now: a saga that starts late must not give the book more time;
        // once the window has closed the book takes the order no more, and the grace only lets its
        // answer (if there was one) arrive before the deadline fires
        Instant due = placed.placedAt().plus(SUBMISSION_WINDOW);
        Instant now = GenericEventMessage.clock.instant();
        submissionDeadlineAt = due.isAfter(now) ? due : now.plus(LATE_GRACE);
        submissionDeadlineId = deadlines.schedule(submissionDeadlineAt, SUBMISSION_DEADLINE, orderId);
    }

    @DeadlineHandler(deadlineName = SUBMISSION_DEADLINE)
    public void submissionTimedOut() {
        submissionDeadlineId = null;
        if (book != Book.AWAITED) {
            return;
        }
        try {
            send(new RejectOrderCommand(orderId, ErrorCode.SUBMISSION_TIMEOUT.name()));
        } catch (RuntimeException undelivered) {
            if (ExchangeFailures.refusalIn(undelivered) != null) {
                throw undelivered;
            }
            // the command side did not take the reject (a restart, a timeout): try again soon. A deadline
            // handler that throws is retried by db-scheduler only 5 minutes later, and the order would
            // show PENDING_NEW that long (reliability drill, separate saga process, command side killed)
            submissionDeadlineId = deadlines.schedule(REJECT_RETRY, SUBMISSION_DEADLINE, orderId);
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(FundsReservationRejectedEvent rejected) {
        send(new RejectOrderCommand(orderId, ErrorCode.INSUFFICIENT_FUNDS.name()));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OpenOrderLimitReachedEvent rejected) {
        send(new RejectOrderCommand(orderId, ErrorCode.TOO_MANY_OPEN_ORDERS.name()));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderRejectedByBookEvent rejected) {
        bookAnswered(Book.DONE);
        send(new RejectOrderCommand(orderId, rejected.reason()));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderAcceptedByBookEvent accepted) {
        bookAnswered(Book.HOLDS_ORDER);
        send(new AcceptOrderCommand(orderId));
        if (cancelRequested) {
            send(new CancelOrderInBookCommand(marketId, orderId));
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCancelRequestedEvent requested) {
        cancelRequested = true;
        if (book == Book.HOLDS_ORDER) {
            send(new CancelOrderInBookCommand(marketId, orderId));
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderLeftBookEvent left) {
        book = Book.DONE;
        send(new CloseOrderCommand(orderId, left.outcome(), left.reason(), left.executedQuantity()));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderRejectedEvent rejected) {
        releaseHoldAndEnd();
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderClosedEvent closed) {
        releaseHoldAndEnd();
    }

    private void bookAnswered(Book answer) {
        book = answer;
        cancelSubmissionDeadline();
    }

    private void releaseHoldAndEnd() {
        cancelSubmissionDeadline();
        try {
            send(new ReleaseFundsCommand(accountId, orderId));
        } catch (RuntimeException failure) {
            if (!CommandDispatch.targetDoesNotExist(failure)) {
                throw failure;
            }
            // the account never existed (its reservation was refused as unknown): nothing is held
        }
        // ended only after the release succeeded: a failed release is retried with the saga still alive
        SagaLifecycle.end();
    }

    private void cancelSubmissionDeadline() {
        if (submissionDeadlineId != null) {
            if (submissionDeadlineAt == null
                    || GenericEventMessage.clock.instant().isBefore(submissionDeadlineAt.minus(CANCEL_MARGIN))) {
                deadlines.cancelSchedule(SUBMISSION_DEADLINE, submissionDeadlineId);
            }
            submissionDeadlineId = null;
        }
    }

    private void send(Object command) {
        CommandDispatch.sendAndWait(commands, command);
    }
}
