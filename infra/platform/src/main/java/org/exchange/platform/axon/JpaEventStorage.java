package org.exchange.platform.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JPA storage engine set up as Axon's own auto-configuration sets it up, for a service that
 * defines the engine itself (which switches that auto-configuration off): the saga orchestrator, for
 * its fetch delay, and the command side, for its sealing engine (ADR 0019).
 */
public final class JpaEventStorage {

    private JpaEventStorage() {
    }

    public static JpaEventStorageEngine.Builder builder(Serializer defaultSerializer, Serializer eventSerializer,
                                                        PersistenceExceptionResolver persistenceExceptionResolver,
                                                        Configuration axon, EntityManagerProvider entityManagerProvider,
                                                        TransactionManager transactionManager) {
        return JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axon.upcasterChain())
                .snapshotFilter(axon.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager);
    }
}
