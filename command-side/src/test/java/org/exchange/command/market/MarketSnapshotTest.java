package org.exchange.command.market;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.market.BookOutcome;
import org.exchange.api.market.HaltMarketCommand;
import org.exchange.api.market.SubmitOrderCommand;
import org.exchange.platform.axon.AxonSerializationAutoConfiguration;
import org.junit.jupiter.api.Test;

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
        List<Object> commands = new ArrayList<>();
        commands.add(MarketFlow.OPEN);
        commands.addAll(MarketFlow.commands(7, 8_000, NOW));
        int next = 6_000;
        MarketReplica live = new MarketReplica(NOW, true);
        live.handleAll(commands.subList(0, 2_500));
        Market atSnapshot = roundTrip(live.load());
        long snapshotSequence = live.eventCount() - 1;
        live.handleAll(commands.subList(2_500, next));
        List<Object> history = live.history().stream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();

        MarketReplica replayed = new MarketReplica(NOW, true);
        replayed.given(history);
        MarketReplica restored = new MarketReplica(NOW, true);
        restored.given(history);
        restored.givenSnapshot(atSnapshot, snapshotSequence);

        MarketSnapshot stored = atSnapshot.snapshot();
        assertThat(stored.book()).hasSizeGreaterThan(100);
        assertThat(stored.parkedStops()).isNotEmpty();
        assertThat(stored.outcomes()).hasSizeGreaterThan(1_000);
        assertThat(history.size() - 1 - snapshotSequence).as("events after the snapshot").isGreaterThan(1_000);
        assertThat(restored.load().bookStateHash()).isEqualTo(replayed.load().bookStateHash());

        List<Object> rest = commands.subList(next, commands.size());
        List<MarketReplica.Outcome> expected = replayed.handleAll(rest);
        List<MarketReplica.Outcome> actual = restored.handleAll(rest);

        assertThat(expected.stream().filter(outcome -> !outcome.events().isEmpty()).count()).isGreaterThan(1_000);
        for (int i = 0; i < rest.size(); i++) {
            assertThat(actual.get(i)).as("command %d: %s", next + i, rest.get(i)).isEqualTo(expected.get(i));
        }
        Market restoredAfter = restored.load();
        Market replayedAfter = replayed.load();
        assertThat(restoredAfter.bookStateHash()).isEqualTo(replayedAfter.bookStateHash());
        assertThat(restoredAfter.engineIdsOfOpenOrders()).isEqualTo(replayedAfter.engineIdsOfOpenOrders());
        assertThat(restoredAfter.engineAccountIds()).isEqualTo(replayedAfter.engineAccountIds());
        assertThat(restoredAfter.snapshot()).isEqualTo(replayedAfter.snapshot());
    }

    @Test
    void aHaltedMarketRestoredFromItsSnapshotIsStillHaltedAndRemembersEveryOutcome() {
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
    void snapshotsOfAnotherFormatRevisionOrUnreadableOnesAreNotUsed() {
        MarketReplica live = new MarketReplica(NOW, true);
        live.handleAll(List.of(MarketFlow.OPEN));
        SerializedObject<byte[]> current = serializer.serialize(live.load(), byte[].class);

        assertThat(MarketSnapshots.usable(entry(current.getType().getName(), current.getType().getRevision(),
                current.getData()), serializer)).isTrue();
        assertThat(MarketSnapshots.usable(entry(current.getType().getName(), "0", current.getData()), serializer))
                .as("an older format").isFalse();
        assertThat(MarketSnapshots.usable(entry(current.getType().getName(), null, current.getData()), serializer))
                .as("no revision").isFalse();
        assertThat(MarketSnapshots.usable(entry(current.getType().getName(), "1", "{\"marketId\":".getBytes()), serializer))
                .as("a corrupt body").isFalse();
        assertThat(MarketSnapshots.usable(entry("org.exchange.command.account.Account", null, "{}".getBytes()), serializer))
                .as("another aggregate's snapshot is not the market's to judge").isTrue();
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
