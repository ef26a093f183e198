package org.exchange.saga.dispatch;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.RemoteExceptionDescription;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandDispatchTest {

    private static final AggregateNotFoundException NO_ACCOUNT =
            new AggregateNotFoundException("trader-1", "The aggregate was not found in the event store");

    @Test
    void recognisesAMissingTargetInProcess() {
        assertThat(CommandDispatch.targetDoesNotExist(new CommandExecutionException("failed", NO_ACCOUNT))).isTrue();
    }

    @Test
    void recognisesAMissingTargetReportedByAnotherNode() {
        Throwable remote = new CommandExecutionException("An exception was thrown by the remote message handling.",
                new RemoteHandlingException(RemoteExceptionDescription.describing(NO_ACCOUNT)), null);

        assertThat(CommandDispatch.targetDoesNotExist(remote)).isTrue();
    }

    @Test
    void anyOtherFailureIsNotAMissingTarget() {
        Throwable remote = new CommandExecutionException("An exception was thrown by the remote message handling.",
                new RemoteHandlingException(RemoteExceptionDescription.describing(new IllegalStateException("db down"))),
                null);

        assertThat(CommandDispatch.targetDoesNotExist(remote)).isFalse();
        assertThat(CommandDispatch.targetDoesNotExist(new IllegalStateException("db down"))).isFalse();
    }
}
