package org.exchange.command.market;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.exchange.api.market.SubmitOrderCommand;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Market snapshots on the real event store (PostgreSQL): the trigger writes them, a market loaded
 * after its cached copy is gone (as after a restart) decides the next commands exactly as the same
 * market replayed from all of its events, and a snapshot of an older format or with a corrupt body is
 * ignored: the market loads from its events and a new snapshot replaces the bad one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MarketSnapshotIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String MARKET = MarketFlow.MARKET.value();

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate database;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    @Qualifier(AggregateCacheConfiguration.MARKET_CACHE)
    Cache markets;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.snapshots." + UUID.randomUUID());
        registry.add("exchange.snapshots.market-events", () -> "200");
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "snapshots"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void aRestartedMarketLoadsFromItsSnapshotAndIgnoresBadOnes() throws InterruptedException {
        List<Object> flow = MarketFlow.commands(11, 1_200, Instant.now());
        send(MarketFlow.OPEN);
        flow.subList(0, 1_000).forEach(this::send);
        Map<String, Object> first = awaitSnapshot(0);
        assertThat(first.get("payload_type")).isEqualTo(Market.class.getName());
        assertThat(first.get("payload_revision")).isEqualTo(Market.SNAPSHOT_REVISION);
        long eventsBefore = storedEvents().size();
        assertThat((long) first.get("sequence_number")).isGreaterThan(200).isLessThan(eventsBefore);

        decidesLikeItsReplay(flow.subList(1_000, 1_050));

        long old = settledSnapshotSequence();
        database.update("update snapshot_event_entry set payload_revision = '1' where aggregate_identifier = ?", MARKET);
        decidesLikeItsReplay(flow.subList(1_050, 1_100));
        assertThat(awaitSnapshot(old).get("payload_revision")).as("the old one is replaced")
                .isEqualTo(Market.SNAPSHOT_REVISION);

        old = settledSnapshotSequence();
        database.update("update snapshot_event_entry set payload = convert_to('{\"marketId\":', 'UTF8') "
                + "where aggregate_identifier = ?", MARKET);
        decidesLikeItsReplay(flow.subList(1_100, 1_150));
        assertThat(new String((byte[]) awaitSnapshot(old).get("payload"))).as("the corrupt one is replaced")
                .startsWith("{\"marketId\":\"BTC-USDT\"");
    }

    /**
     * Forgets the cached market (as a restart does), then sends {@code next} to it and to a replica
     * replayed from every stored event: same answers, same events.
     */
    private void decidesLikeItsReplay(List<Object> next) {
        markets.removeAll();
        Instant now = Instant.now();
        MarketReplica replayed = new MarketReplica(now, true);
        replayed.givenHistory(storedEvents());
        for (Object command : next) {
            Object fresh = command instanceof SubmitOrderCommand s
                    ? new SubmitOrderCommand(s.marketId(), s.orderId(), s.accountId(), s.terms(), s.quoteHold(), now)
                    : command;
            int before = storedEvents().size();
            Object answer = send(fresh);
            List<Object> recorded = storedEvents().stream().skip(before).map(DomainEventMessage::getPayload)
                    .map(Object.class::cast).toList();
            assertThat(new MarketReplica.Outcome(answer, recorded)).as("%s", fresh).isEqualTo(replayed.handle(fresh));
        }
    }

    private Object send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (RuntimeException refused) {
            return refused.getCause() == null ? refused.toString() : refused.getCause().toString();
        }
    }

    private List<? extends DomainEventMessage<?>> storedEvents() {
        return storage.readEvents(MARKET, 0).asStream().toList();
    }

    /** The market's latest snapshot once there is one after sequence {@code after}. */
    private Map<String, Object> awaitSnapshot(long after) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> rows = database.queryForList(
                    "select sequence_number, payload_type, payload_revision, payload from snapshot_event_entry "
                            + "where aggregate_identifier = ? and sequence_number > ? order by sequence_number desc",
                    MARKET, after);
            if (!rows.isEmpty()) {
                return rows.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no snapshot of " + MARKET + " after sequence " + after);
    }

    /** The sequence of the latest snapshot once the background snapshotter has stopped replacing it. */
    private long settledSnapshotSequence() throws InterruptedException {
        long before;
        long now = latestSnapshotSequence();
        do {
            before = now;
            Thread.sleep(1_000);
            now = latestSnapshotSequence();
        } while (now != before);
        return now;
    }

    private long latestSnapshotSequence() {
        return database.queryForObject("select coalesce(max(sequence_number), -1) from snapshot_event_entry "
                + "where aggregate_identifier = ?", Long.class, MARKET);
    }
}
