package org.exchange.saga.order;

import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's db-scheduler deadline manager, except that canceling a deadline which is firing at that very
 * moment is not a failure. db-scheduler refuses to cancel a task instance it is executing
 * ({@link TaskInstanceCurrentlyExecutingException}); Axon cancels in the saga's unit of work, so the
 * refusal failed the order saga's whole batch and the processor retried it, with back-off, for as long
 * as the deadline's own handler ran — up to its command timeout when the command side was slow. A
 * reliability drill (separate saga process, command side killed and restarted) saw the order saga
 * stall this way until orders waited beyond 90 s to be closed. Losing that race is harmless: the
 * deadline's handler rejects an order only if the book never answered (the Order ignores a reject
 * after the book's answer), which is exactly what the cancel was for.
 */
public class FiringTolerantDeadlineManager extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(FiringTolerantDeadlineManager.class);

    public FiringTolerantDeadlineManager(Builder builder) {
        super(builder);
    }

    @Override
    protected void runOnPrepareCommitOrNow(Runnable task) {
        super.runOnPrepareCommitOrNow(() -> {
            try {
                task.run();
            } catch (TaskInstanceCurrentlyExecutingException firing) {
                log.debug("a deadline fired while it was being canceled; its handler decides: {}", firing.getMessage());
            }
        });
    }
}
