package org.exchange.platform.cluster;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * On the handling node: attaches a {@link RemoteRefusal} to a refused command's failure as Axon's
 * exception details, the one part of a remote failure that crosses the cluster intact. The unit
 * of work still rolls back (the failure stays unchecked).
 */
final class RefusalDetailsInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (RuntimeException failure) {
            RemoteRefusal refusal = RemoteRefusal.of(failure);
            if (refusal == null) {
                throw failure;
            }
            throw new CommandExecutionException(failure.getMessage(), failure, refusal);
        }
    }
}
