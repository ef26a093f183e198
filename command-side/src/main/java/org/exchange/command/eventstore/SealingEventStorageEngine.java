package org.exchange.command.eventstore;

import jakarta.persistence.EntityManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.exchange.platform.eventchain.SealedEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Axon's JPA storage engine, which also seals every event it appends, in the append's transaction
 * (ADR 0019). It stores exactly what the plain engine stores; the seals go to {@code event_seal}.
 * The entries are flushed first so that each carries its global index, which the seal covers; the
 * highest goes to {@link WrittenPositions}, which answers it to the thread's command's caller.
 */
class SealingEventStorageEngine extends JpaEventStorageEngine {

    private final TransactionManager transactionManager;
    private final EventSeals seals;

    SealingEventStorageEngine(Builder builder, TransactionManager transactionManager, EventSeals seals) {
        super(builder);
        this.transactionManager = transactionManager;
        this.seals = seals;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            List<DomainEventEntry> entries = new ArrayList<>(events.size());
            EntityManager entityManager = entityManager();
            try {
                for (EventMessage<?> event : events) {
                    DomainEventEntry entry = (DomainEventEntry) createEventEntity(event, serializer);
                    entityManager.persist(entry);
                    entries.add(entry);
                }
                entityManager.flush();
            } catch (Exception e) {
                handlePersistenceException(e, events.getFirst());
            }
            List<SealedEvent> stored = entries.stream().map(entry -> stored(entityManager, entry)).toList();
            seals.seal(stored);
            WrittenPositions.appended(stored.stream().mapToLong(SealedEvent::globalIndex).max().orElse(0));
        });
    }

    private static SealedEvent stored(EntityManager entityManager, DomainEventEntry entry) {
        long globalIndex = (Long) entityManager.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(entry);
        return new SealedEvent(globalIndex, entry.getEventIdentifier(), entry.getAggregateIdentifier(),
                entry.getSequenceNumber(), entry.getType(), entry.getTimestamp(), entry.getPayload().getType().getName(),
                entry.getPayload().getType().getRevision(), entry.getPayload().getData(),
                entry.getMetaData() == null ? null : entry.getMetaData().getData());
    }
}
