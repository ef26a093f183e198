package org.exchange.command.market;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.market.BookOutcome;
import org.exchange.api.market.HaltMarketCommand;
import org.exchange.api.market.SubmitOrderCommand;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderStatus;
import org.exchange.platform.axon.AxonSerializationAutoConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A market restored from a snapshot (through its stored JSON) and the events after it decides every
 * next command exactly as the same market replayed from its first event: same answers, same events,
 * same book. Differential, on the benchmark's standard order flow with stop orders, account-wide
 * cancels and halts mixed in ({@link MarketFlow}).
 */
class MarketSnapshotTest {

    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private final Serializer serializer = new AxonSerializationAutoConfiguration().serializer();

    @Test
    void aMarketRestoredFromASnapshotAndLaterEventsDecidesLikeTheReplayedOne() {
        // 100 commands a second: 80 s of trading, so outcomes are forgotten before and after the snapshot
        List<Object> flow = MarketFlow.paced(MarketFlow.commands(7, 8_000, NOW), NOW, Duration.ofMillis(10));
        List<Object> commands = new ArrayList<>();
        commands.add(MarketFlow.OPEN);
        commands.addAll(flow);
        int next = 6_000;
        MarketReplica live = new MarketReplica(NOW, true);
        commands.subList(0, 4_000).forEach(live::handleWhenPlaced);
        Market atSnapshot = roundTrip(live.load());
        long snapshotSequence = live.eventCount() - 1;
        commands.subList(4_000, next).forEach(live::handleWhenPlaced);
        List<DomainEventMessage<?>> history = live.history();

        MarketReplica replayed = new MarketReplica(live.now(), true);
        replayed.givenHistory(history);
        MarketReplica restored = new MarketReplica(live.now(), true);
        restored.givenHistory(history);
        restored.givenSnapshot(atSnapshot, snapshotSequence);

        MarketSnapshot stored = atSnapshot.snapshot();
        long submitted = commands.subList(0, 4_000).stream().filter(SubmitOrderCommand.class::isInstance).count();
        assertThat(stored.book()).hasSizeGreaterThan(100);
        assertThat(stored.parkedStops()).isNotEmpty();
        assertThat(stored.outcomes()).as("outcomes of the last 30 s only").hasSizeGreaterThan(1_000)
                .hasSizeLessThan((int) submitted - 500);
        assertThat(stored.forgottenUpTo()).isNotNull();
        assertThat(history.size() - 1 - snapshotSequence).as("events after the snapshot").isGreaterThan(1_000);
        assertThat(restored.load().bookStateHash()).isEqualTo(replayed.load().bookStateHash());

        List<Object> rest = withRepeats(commands, next);
        List<MarketReplica.Outcome> expected = rest.stream().map(replayed::handleWhenPlaced).toList();
        List<MarketReplica.Outcome> actual = rest.stream().map(restored::handleWhenPlaced).toList();

        assertThat(expected.stream().filter(outcome -> !outcome.events().isEmpty()).count()).isGreaterThan(1_000);
        assertThat(expected.stream().map(MarketReplica.Outcome::result).filter(BookOutcome.class::isInstance)
                .map(answer -> ((BookOutcome) answer).status()).distinct())
                .as("repeats answered from kept, open and forgotten outcomes")
                .contains(OrderStatus.FILLED, OrderStatus.NEW, OrderStatus.PENDING_NEW);
        for (int i = 0; i < rest.size(); i++) {
            assertThat(actual.get(i)).as("command %d: %s", i, rest.get(i)).isEqualTo(expected.get(i));
        }
        Market restoredAfter = restored.load();
        Market replayedAfter = replayed.load();
        assertThat(restoredAfter.bookStateHash()).isEqualTo(replayedAfter.bookStateHash());
        assertThat(restoredAfter.engineIdsOfOpenOrders()).isEqualTo(replayedAfter.engineIdsOfOpenOrders());
        assertThat(restoredAfter.engineAccountIds()).isEqualTo(replayedAfter.engineAccountIds());
        for (OrderId open : replayedAfter.engineIdsOfOpenOrders().keySet()) {
            assertThat(restoredAfter.outcomeOf(open)).as("open order %s", open).isEqualTo(replayedAfter.outcomeOf(open));
        }
        assertThat(restoredAfter.snapshot()).isEqualTo(replayedAfter.snapshot());
    }

    /**
     * The commands from {@code from} on, with a repeat of an earlier submission (its own placing time)
     * after every 20th: of one placed 1 s, 20 s or 50 s earlier in turn.
     */
    private static List<Object> withRepeats(List<Object> commands, int from) {
        int[] ago = {100, 2_000, 5_000};
        List<Object> rest = new ArrayList<>();
        for (int i = from; i < commands.size(); i++) {
            rest.add(commands.get(i));
            if (i % 20 == 0) {
                int earlier = i - ago[(i / 20) % ago.length];
                while (!(commands.get(earlier) instanceof SubmitOrderCommand)) {
                    earlier--;
                }
                rest.add(commands.get(earlier));
            }
        }
        return rest;
    }

    @Test
    void aHaltedMarketRestoredFromItsSnapshotIsStillHaltedAndRemembersRecentOutcomes() {
        MarketReplica live = new MarketReplica(NOW, true);
        List<Object> commands = new ArrayList<>();
        commands.add(MarketFlow.OPEN);
        commands.addAll(MarketFlow.commands(3, 300, NOW));
        live.handleAll(commands);
        live.handle(new HaltMarketCommand(MarketFlow.MARKET, "maintenance"));
        SubmitOrderCommand earlier = (SubmitOrderCommand) commands.stream()
                .filter(SubmitOrderCommand.class::isInstance).toList().get(10);

        MarketReplica restored = new MarketReplica(NOW, true);
        restored.givenSnapshot(roundTrip(live.load()), live.eventCount() - 1);
        SubmitOrderCommand fresh = new SubmitOrderCommand(MarketFlow.MARKET, MarketFlow.orderId(999_999),
                earlier.accountId(), earlier.terms(), earlier.quoteHold(), NOW);

        assertThat(restored.handle(earlier).result()).isEqualTo(live.load().outcomeOf(earlier.orderId()));
        assertThat(((BookOutcome) restored.handle(fresh).result()).reason()).isEqualTo(ErrorCode.MARKET_HALTED.name());
    }

    @Test
    void snapshotsOfAnotherFormatRevisionAreNotUsed() {
        MarketReplica live = new MarketReplica(NOW, true);
        live.handleAll(List.of(MarketFlow.OPEN));
        SerializedObject<byte[]> current = serializer.serialize(live.load(), byte[].class);

        assertThat(MarketSnapshots.usable(entry(current.getType().getName(), current.getType().getRevision(),
                current.getData()))).isTrue();
        assertThat(MarketSnapshots.usable(entry(current.getType().getName(), "1",
                MarketSnapshotFormatTest.REVISION_1.getBytes())))
                .as("revision 1, which kept every outcome without its time").isFalse();
        assertThat(MarketSnapshots.usable(entry(current.getType().getName(), null, current.getData())))
                .as("no revision").isFalse();
        assertThat(MarketSnapshots.usable(entry("org.exchange.command.account.Account", null, "{}".getBytes())))
                .as("another aggregate's snapshot is not the market's to judge").isTrue();
        // an unreadable body is skipped by the storage engine, which reads it once (MarketSnapshotIT)
    }

    private Market roundTrip(Market market) {
        SerializedObject<byte[]> json = serializer.serialize(market, byte[].class);
        assertThat(json.getType().getName()).isEqualTo(Market.class.getName());
        assertThat(json.getType().getRevision()).isEqualTo(Market.SNAPSHOT_REVISION);
        return serializer.deserialize(json);
    }

    private static GenericDomainEventEntry<byte[]> entry(String payloadType, String revision, byte[] payload) {
        return new GenericDomainEventEntry<>("Market", MarketFlow.MARKET.value(), 41, "snapshot-1", NOW,
                payloadType, revision, payload, "{}".getBytes());
    }
}
