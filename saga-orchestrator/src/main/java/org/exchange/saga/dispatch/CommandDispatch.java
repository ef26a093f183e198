package org.exchange.saga.dispatch;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.exchange.platform.web.ExchangeFailures;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How sagas and process handlers send commands: they wait for the outcome, at most
 * {@link #TIMEOUT}, so that a failure or a timeout is thrown inside the event handler and the event
 * processor retries the event. Every command they send is idempotent (ADR 0008), so a retry after
 * a timeout that in fact committed is harmless.
 */
public final class CommandDispatch {

    /** The longest a handler waits for one command; beyond it the command counts as failed. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private CommandDispatch() {
    }

    /** Sends the command and waits for it; throws what the handler threw, or on timeout. */
    public static <R> R sendAndWait(CommandGateway commands, Object command) {
        return commands.sendAndWait(command, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether the command failed because its target aggregate does not exist: Axon's
     * {@link AggregateNotFoundException} in-process, or its description when it came back from
     * another node over a distributed command bus (which does not ship the exception itself).
     */
    public static boolean targetDoesNotExist(Throwable failure) {
        if (ExchangeFailures.find(failure, AggregateNotFoundException.class) != null) {
            return true;
        }
        RemoteHandlingException remote = ExchangeFailures.find(failure, RemoteHandlingException.class);
        return remote != null && remote.getExceptionDescriptions().stream()
                .anyMatch(description -> description.startsWith(AggregateNotFoundException.class.getName()));
    }
}
