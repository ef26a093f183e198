package org.exchange.query.position;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Read-your-writes. A command answers the event-store {@code position} of what it wrote; a read
 * with {@code ?minPosition=} waits (at most {@code max-wait}) until the endpoint's read model
 * reflects it, else {@code 503 POSITION_NOT_REACHED} with {@code Retry-After}. Every answer of a
 * {@link ReflectsProjection} endpoint carries the position it reflects in {@value #HEADER}, taken
 * before the read model is read, so the answer reflects at least that much.
 */
@Component
class ReadPositionInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-Exchange-Position";
    static final String PARAMETER = "minPosition";
    /** Waiting requests hold a server thread each: at most this many wait at once, the rest answer 503. */
    private static final int MAX_WAITING = 64;

    private final ReadPositions positions;
    private final ReadPositionProperties properties;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    ReadPositionInterceptor(ReadPositions positions, ReadPositionProperties properties) {
        this.positions = positions;
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        ReflectsProjection projection = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(),
                ReflectsProjection.class);
        if (projection == null) {
            projection = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ReflectsProjection.class);
        }
        if (projection == null) {
            return true;
        }
        Long wanted = minPosition(request.getParameter(PARAMETER));
        long reflected = positions.reflected(projection.value());
        if (wanted != null && reflected < wanted) {
            reflected = awaitPosition(projection.value(), wanted, response);
        }
        response.setHeader(HEADER, Long.toString(reflected));
        return true;
    }

    private long awaitPosition(String processor, long wanted, HttpServletResponse response) {
        if (!waiting.tryAcquire()) {
            throw notReached(processor, wanted, response);
        }
        try {
            long deadline = System.nanoTime() + properties.maxWait().toNanos();
            long reflected = positions.reflected(processor);
            while (reflected < wanted && System.nanoTime() < deadline && pause(properties.pollInterval())) {
                reflected = positions.reflected(processor);
            }
            if (reflected < wanted) {
                throw notReached(processor, wanted, response);
            }
            return reflected;
        } finally {
            waiting.release();
        }
    }

    private static ExchangeException notReached(String processor, long wanted, HttpServletResponse response) {
        response.setHeader("Retry-After", "1");
        return new ExchangeException(ErrorCode.POSITION_NOT_REACHED, "the " + processor
                + " read model has not reached position " + wanted + " yet; ask again");
    }

    private static Long minPosition(String given) {
        if (given == null) {
            return null;
        }
        try {
            long position = Long.parseLong(given);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new ExchangeException(ErrorCode.VALIDATION_FAILED, PARAMETER + " must be a position a command answered");
    }

    /** @return false when the thread is interrupted (shutdown): stop waiting */
    private static boolean pause(Duration interval) {
        try {
            Thread.sleep(interval);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
