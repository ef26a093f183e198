package org.exchange.command.eventstore;

import jakarta.persistence.EntityManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.exchange.platform.eventchain.SealedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Axon's JPA storage engine, which also seals every event it appends, in the append's transaction
 * (ADR 0019). It stores exactly what the plain engine stores; the seals go to {@code event_seal}.
 * The entries are flushed first so that each carries its global index, which the seal covers; the
 * highest goes to {@link WrittenPositions}, which answers it to the thread's command's caller.
 *
 * <p>It also reads a snapshot's payload at once, in {@link #readSnapshot}: Axon deserializes it lazily,
 * after the snapshot filters, so an unreadable one would fail the aggregate's load instead of being
 * skipped; read here, it is skipped (the aggregate is replayed from its first event) and parsed once
 * (the deserialized payload is what the aggregate is built from; ADR 0022).
 */
class SealingEventStorageEngine extends JpaEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(SealingEventStorageEngine.class);

    private final TransactionManager transactionManager;
    private final EventSeals seals;

    SealingEventStorageEngine(Builder builder, TransactionManager transactionManager, EventSeals seals) {
        super(builder);
        this.transactionManager = transactionManager;
        this.seals = seals;
    }

    /** The latest usable snapshot with its payload read; none if that payload cannot be read. */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
        try {
            snapshot.ifPresent(DomainEventMessage::getPayload);
            return snapshot;
        } catch (RuntimeException unreadable) {
            log.warn("ignoring the unreadable snapshot of {} at sequence {}; replaying its events", aggregateIdentifier,
                    snapshot.get().getSequenceNumber(), unreadable);
            return Optional.empty();
        }
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
