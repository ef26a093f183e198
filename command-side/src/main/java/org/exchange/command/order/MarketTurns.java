package org.exchange.command.order;

import org.exchange.api.market.MarketId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Request threads take turns, in arrival order, before they send a command to a market's book
 * (ADR 0008, "Waiting for a market"). A market handles one command at a time (Axon's lock on the
 * aggregate), but a command takes its database connection when its unit of work begins, before it
 * waits for that lock: requests queued for a market sat on connections that the order saga, the trade
 * settlement and other orders' steps waited for (docs/benchmarks.md, "Where the time goes"). Here
 * they wait without one.
 * <p>
 * Only an admission order, not what makes a market consistent: the aggregate's lock still does
 * that, also for the commands that do not come through here (the order saga's cancels, admin
 * commands), and for other nodes. A thread holds its turn only while its own command runs and
 * holds no other lock meanwhile, so turns cannot deadlock.
 * A request that does not get its turn within {@code maxWait} (as long as it would wait for a
 * database connection) is refused like one that got no connection: {@code 503} with
 * {@code Retry-After}; its order then ends as it would have (the submission deadline, or the retry
 * with the same client order id).
 */
@Component
class MarketTurns {

    private final ConcurrentMap<MarketId, ReentrantLock> turns = new ConcurrentHashMap<>();
    private final Duration maxWait;

    @Autowired
    MarketTurns(@Value("${spring.datasource.hikari.connection-timeout:30000}") long maxWaitMillis) {
        this(Duration.ofMillis(maxWaitMillis));
    }

    MarketTurns(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** Runs the command once it is this thread's turn at the market. */
    <T> T inTurn(MarketId market, Supplier<T> command) {
        // fair: first come, first served, so that no request waits much longer than the queue ahead of it
        ReentrantLock turn = turns.computeIfAbsent(market, id -> new ReentrantLock(true));
        boolean mine;
        try {
            mine = turn.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            mine = false;
        }
        if (!mine) {
            throw new CannotAcquireLockException("market " + market.value() + " did not take the request within "
                    + maxWait.toMillis() + " ms");
        }
        try {
            return command.get();
        } finally {
            turn.unlock();
        }
    }
}
