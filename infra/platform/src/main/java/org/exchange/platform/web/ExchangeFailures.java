package org.exchange.platform.web;

import org.exchange.api.common.ExchangeException;

/**
 * Finds the refusal inside a failure that crossed a framework boundary (Axon wraps handler
 * exceptions, futures wrap them again), so the caller sees the original code.
 */
public final class ExchangeFailures {

    private ExchangeFailures() {
    }

    public static ExchangeException refusalIn(Throwable failure) {
        return find(failure, ExchangeException.class);
    }

    /** The first cause of the given type in the chain, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
