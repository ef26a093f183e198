package org.exchange.command;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs a plain aggregate method (one the settlement calls inside its unit of work, which
 * {@code AggregateTestFixture} cannot reach) on an aggregate rebuilt from given events, with Axon's
 * own event-sourcing repository over an in-memory store, and answers the events it applied.
 */
public final class EventSourcedHarness<T> {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventSourcingRepository<T> repository;
    private final String id;
    private long sequence;

    public EventSourcedHarness(Class<T> type, String id, Object... given) {
        this.id = id;
        this.repository = EventSourcingRepository.builder(type).eventStore(store).build();
        for (Object event : given) {
            store.publish(new GenericDomainEventMessage<>(type.getSimpleName(), id, sequence++, event));
        }
    }

    /** Loads the aggregate (or, with no given events, a new one from {@code factory}), runs {@code action}, commits. */
    public List<Object> when(Consumer<T> action, Callable<T> factory) {
        ResultMessage<Object> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> {
            repository.loadOrCreate(id, factory).execute(action);
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        List<Object> applied = store.readEvents(id).asStream().skip(sequence).map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
        sequence += applied.size();
        return applied;
    }
}
