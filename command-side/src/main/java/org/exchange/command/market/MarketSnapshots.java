package org.exchange.command.market;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Snapshots of markets (ADR 0022): a market is loaded from its latest snapshot plus the events after
 * it, instead of from its first event. A snapshot is taken, in the background after the commit, once
 * a loaded market has handled {@code exchange.snapshots.market-events} events since it was loaded
 * or last snapshotted (events replayed while loading count, so a market that needed a long replay is
 * snapshotted after its next command). The event store keeps one snapshot per market (Axon deletes
 * the older ones); events stay the truth, so deleting snapshots is always safe (runbook).
 */
@Configuration(proxyBeanMethods = false)
public class MarketSnapshots {

    /** Bean names {@code @Aggregate} refers to. */
    public static final String TRIGGER = "marketSnapshotTrigger";
    public static final String FILTER = "marketSnapshotFilter";

    private static final Logger log = LoggerFactory.getLogger(MarketSnapshots.class);

    @Bean(TRIGGER)
    SnapshotTriggerDefinition marketSnapshotTrigger(Snapshotter snapshotter,
                                                    @Value("${exchange.snapshots.market-events:20000}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean(FILTER)
    SnapshotFilter marketSnapshotFilter() {
        return MarketSnapshots::usable;
    }

    /**
     * Axon's snapshotter as its auto-configuration builds it, but taking snapshots on a thread of its
     * own: Axon's default runs them in the committing command's thread, which would make that one
     * order wait for a whole market to be read and written.
     */
    @Bean(destroyMethod = "")
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration axon,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory,
                                                    ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name("snapshots").daemon().factory());
    }

    /**
     * Whether a stored snapshot may be used: anything but a market's is left to its own aggregate; a
     * market's must be of this build's format revision. Otherwise it is ignored (logged) and the market
     * is replayed from its events; its next snapshot replaces it. (A snapshot whose body cannot be
     * read is skipped the same way by the storage engine, which reads it once, after this filter.)
     */
    static boolean usable(DomainEventData<?> snapshot) {
        if (!Market.class.getName().equals(snapshot.getPayload().getType().getName())) {
            return true;
        }
        String revision = snapshot.getPayload().getType().getRevision();
        if (!Objects.equals(Market.SNAPSHOT_REVISION, revision)) {
            log.info("ignoring the snapshot of market {} at sequence {}: format revision {}, this build reads {}; "
                            + "replaying its events", snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(),
                    revision, Market.SNAPSHOT_REVISION);
            return false;
        }
        return true;
    }
}
