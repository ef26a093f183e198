package org.exchange.platform.cluster;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.messaging.HandlerExecutionException;

import java.util.Optional;

/**
 * The distributed command bus, except that a refusal from the handling node reaches the caller as
 * the exception the handler threw ({@link RemoteRefusal#restore()}), so controllers and sagas behave
 * the same whether the command was handled here or on another node.
 */
final class RefusalRestoringCommandBus extends DistributedCommandBus {

    RefusalRestoringCommandBus(Builder builder) {
        super(builder);
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        CommandCallback<C, R> restoring = (sent, result) -> callback.onResult(sent, restored(result));
        super.dispatch(command, restoring);
    }

    @SuppressWarnings("unchecked")
    private static <R> CommandResultMessage<R> restored(CommandResultMessage<R> result) {
        if (!result.isExceptional()) {
            return result;
        }
        Optional<Object> details = HandlerExecutionException.resolveDetails(result.exceptionResult());
        if (details.orElse(null) instanceof RemoteRefusal refusal) {
            return (CommandResultMessage<R>) GenericCommandResultMessage.asCommandResultMessage(refusal.restore())
                    .andMetaData(result.getMetaData());
        }
        return result;
    }
}
