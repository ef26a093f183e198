package org.exchange.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.exchange.api.common.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Overload answers early: at most {@code maxConcurrent} API requests ({@code /api/…}) are worked on
 * at once in this process; one more waits at most {@code queueWait} for a slot and is otherwise
 * refused with {@code 503 SERVICE_UNAVAILABLE} and {@code Retry-After}, before any work (nothing
 * was done, a retry is safe). Without it an overloaded service queues requests on Tomcat's threads
 * and in its accept backlog until clients time out, not knowing whether their order was taken.
 * <p>
 * Only the servlet thread's part of a request holds a slot: an asynchronous answer (a live stream)
 * gives it back when the request goes asynchronous. Health and metrics ({@code /actuator}) are never
 * limited, so that an overloaded process still says how it is.
 */
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore slots;
    private final long queueWaitNanos;
    private final ProblemWriter problems;

    public ConcurrencyLimitFilter(int maxConcurrent, Duration queueWait, ProblemWriter problems) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("exchange.web.max-concurrent-requests must be at least 1");
        }
        this.slots = new Semaphore(maxConcurrent);
        this.queueWaitNanos = queueWait.toNanos();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = slots.tryAcquire(queueWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            problems.write(request, response, ErrorCode.SERVICE_UNAVAILABLE,
                    "the service is busy; nothing was done, retry after " + RETRY_AFTER_SECONDS + " s");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            slots.release();
        }
    }

    /** Slots free right now (for the tests and the log). */
    int available() {
        return slots.availablePermits();
    }
}
