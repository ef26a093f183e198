package org.exchange.command.market;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.exchange.api.market.SubmitOrderCommand;
import org.exchange.command.caching.BoundedLruCache;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One market in memory, loaded and changed through Axon's own event-sourcing repository (the path the
 * command side takes, snapshot included) over an in-memory event store: the oracle the snapshot tests
 * compare with, and the benchmark's fast way to produce a long, valid history.
 */
final class MarketReplica {

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final EventSourcingRepository<Market> repository;
    private final SetClock clock;
    /** Every event stored, in order, as the store published it. */
    private final List<DomainEventMessage<?>> history = new ArrayList<>();
    private long nextSequence;

    /**
     * @param now    the time the market sees (submissions placed more than 8 s before it are refused),
     *               and the timestamp of what it records, until {@link #at} moves it
     * @param cached keep the market loaded between commands (fast), or load it for every command
     */
    MarketReplica(Instant now, boolean cached) {
        this.clock = new SetClock(now);
        Cache cache = cached ? new BoundedLruCache(1) : NoCache.INSTANCE;
        this.repository = EventSourcingRepository.builder(Market.class).eventStore(store).cache(cache)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(Market.class),
                        new SimpleResourceParameterResolverFactory(Set.of(MarketFlow.assets()))))
                .build();
        store.subscribe(events -> events.forEach(event -> history.add((DomainEventMessage<?>) event)));
    }

    /** Stores events as the market's history, after what it already has. */
    void given(List<?> events) {
        for (Object event : events) {
            store.publish(new GenericDomainEventMessage<>(Market.class.getSimpleName(), MarketFlow.MARKET.value(),
                    nextSequence++, event));
        }
    }

    /** Stores events as the market's history, after what it already has, with their own timestamps. */
    void givenHistory(List<? extends DomainEventMessage<?>> events) {
        for (DomainEventMessage<?> event : events) {
            store.publish(new GenericDomainEventMessage<>(Market.class.getSimpleName(), MarketFlow.MARKET.value(),
                    nextSequence++, event.getPayload(), event.getMetaData(), event.getIdentifier(), event.getTimestamp()));
        }
    }

    /** The market's clock now. */
    Instant now() {
        return clock.now;
    }

    /** Moves the market's clock (the time it decides at and stamps its events with). */
    void at(Instant now) {
        clock.now = now;
    }

    /**
     * Handles one command at the time it was placed, for a submission placed later than the market's
     * clock (the clock never goes back): how a flow paced in time ({@link MarketFlow#paced}) is run.
     */
    Outcome handleWhenPlaced(Object command) {
        if (command instanceof SubmitOrderCommand submission && submission.placedAt().isAfter(clock.now)) {
            at(submission.placedAt());
        }
        return handle(command);
    }

    /** Stores a snapshot of the market as it was after event {@code sequence}. */
    void givenSnapshot(Market market, long sequence) {
        storage.storeSnapshot(new GenericDomainEventMessage<>(Market.class.getSimpleName(), MarketFlow.MARKET.value(),
                sequence, market));
        nextSequence = Math.max(nextSequence, sequence + 1);
    }

    /** Handles one command as the command side would and answers what the market replied and recorded. */
    Outcome handle(Object command) {
        Clock systemClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
        int before = history.size();
        try {
            ResultMessage<Object> result = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(command))
                    .executeWithResult(() -> {
                        Aggregate<Market> market = nextSequence == 0
                                ? repository.newInstance(Market::new)
                                : repository.load(MarketFlow.MARKET.value());
                        return market.handle(GenericCommandMessage.asCommandMessage(command));
                    });
            List<Object> events = history.subList(before, history.size()).stream()
                    .map(event -> (Object) event.getPayload()).toList();
            nextSequence += events.size();
            return new Outcome(result.isExceptional() ? result.exceptionResult().toString() : result.getPayload(), events);
        } finally {
            GenericEventMessage.clock = systemClock;
        }
    }

    /** Handles commands in order and answers everything they answered and recorded. */
    List<Outcome> handleAll(List<?> commands) {
        return commands.stream().map(this::handle).toList();
    }

    /** The market as the repository loads it now (its state is read, nothing is recorded). */
    Market load() {
        List<Market> loaded = new ArrayList<>();
        DefaultUnitOfWork.startAndGet(null).execute(() ->
                repository.load(MarketFlow.MARKET.value()).execute(loaded::add));
        return loaded.getFirst();
    }

    /** Every event stored here, in order (not what a snapshot given stands for). */
    List<DomainEventMessage<?>> history() {
        return List.copyOf(history);
    }

    long eventCount() {
        return nextSequence;
    }

    /** What one command answered (its result, or its exception as text) and the events it recorded. */
    record Outcome(Object result, List<Object> events) {
    }

    /** A clock that shows what it was last set to. */
    private static final class SetClock extends Clock {

        private volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
