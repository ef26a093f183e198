package org.exchange.saga.order;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cancel that loses the race against its deadline firing does not fail the saga's unit of work (which
 * would make the order saga's processor retry the whole batch for as long as the deadline runs); any
 * other failure still does. The scheduler is never started: only the manager's own decision is tested.
 */
class FiringTolerantDeadlineManagerTest {

    private final FiringTolerantDeadlineManager deadlines = new FiringTolerantDeadlineManager(
            DbSchedulerDeadlineManager.builder()
                    .scheduler(Scheduler.create(new PGSimpleDataSource(), List.of()).build())
                    .scopeAwareProvider(scope -> java.util.stream.Stream.empty())
                    .serializer(JacksonSerializer.defaultSerializer())
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .startScheduler(false).stopScheduler(false));

    @Test
    void aCancelRacingTheFiringDeadlineIsNoFailure() {
        assertThatCode(() -> deadlines.runOnPrepareCommitOrNow(() -> {
            throw new TaskInstanceCurrentlyExecutingException("AxonDeadline", "order-submission-1");
        })).doesNotThrowAnyException();
    }

    @Test
    void anyOtherFailureStillFailsTheUnitOfWork() {
        assertThatThrownBy(() -> deadlines.runOnPrepareCommitOrNow(() -> {
            throw new IllegalStateException("the scheduler's table cannot be reached");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(deadlines).isInstanceOf(DbSchedulerDeadlineManager.class);
    }
}
