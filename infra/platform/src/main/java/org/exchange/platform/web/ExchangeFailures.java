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
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ExchangeException refusal) {
                return refusal;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
