package org.exchange.platform.cluster;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;

/**
 * A command handler's refusal as it travels back to the node that sent the command. Axon sends only
 * the class names and messages of a remote handler's exception, so without this an
 * {@link ExchangeException} (a 4xx with a stable code) or an {@link AggregateNotFoundException}
 * would reach the caller as an anonymous remote failure (a 500). {@link #restore()} gives the caller
 * the same exception type and code it would have seen in process.
 *
 * @param code        the refusal's code; {@code null} when the aggregate was not found
 * @param aggregateId the aggregate that was not found; {@code null} for a refusal
 * @param message     the handler's message
 */
public record RemoteRefusal(ErrorCode code, String aggregateId, String message) {

    /** The refusal carried by {@code failure}, or {@code null} when it is neither kind. */
    static RemoteRefusal of(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof ExchangeException refusal) {
                return new RemoteRefusal(refusal.code(), null, refusal.getMessage());
            }
            if (cause instanceof AggregateNotFoundException missing) {
                return new RemoteRefusal(null, String.valueOf(missing.getAggregateIdentifier()), missing.getMessage());
            }
        }
        return null;
    }

    RuntimeException restore() {
        return code != null
                ? new ExchangeException(code, message)
                : new AggregateNotFoundException(aggregateId, message);
    }
}
