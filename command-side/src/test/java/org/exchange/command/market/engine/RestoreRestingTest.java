package org.exchange.command.market.engine;

import org.exchange.command.market.engine.bench.OrderFlow;
import org.exchange.command.market.engine.bench.OrderFlowGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A book rebuilt from another's resting orders, visited in priority order and restored in that order,
 * is the same book: same state hash, and the same reports for every next command.
 */
class RestoreRestingTest {

    @Test
    void aBookRestoredFromTheRestingOrdersOfAnotherMatchesTheNextCommandsLikeIt() {
        OrderFlow flow = OrderFlowGenerator.standardFlow(5, 40_000);
        EventRecorder originalEvents = new EventRecorder();
        LimitOrderBook original = new LimitOrderBook(originalEvents);
        int half = flow.size() / 2;
        for (int i = 0; i < half; i++) {
            flow.replayCommand(original, i);
        }
        EventRecorder restoredEvents = new EventRecorder();
        LimitOrderBook restored = new LimitOrderBook(restoredEvents, 16, 8);
        original.forEachResting(restored::restoreResting);

        assertThat(restored.restingOrderCount()).isEqualTo(original.restingOrderCount()).isGreaterThan(1_000);
        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
        assertThat(restoredEvents.drain()).as("restoring reports nothing").isEmpty();

        originalEvents.drain();
        for (int i = half; i < flow.size(); i++) {
            flow.replayCommand(original, i);
            flow.replayCommand(restored, i);
        }
        assertThat(restoredEvents.drain()).hasSizeGreaterThan(10_000).isEqualTo(originalEvents.drain());
        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
    }

    @Test
    void whatNoBookCanHoldIsRefused() {
        LimitOrderBook book = new LimitOrderBook(new EventRecorder());
        book.restoreResting(1, 1, Side.BUY, 100, 5);
        book.restoreResting(2, 2, Side.SELL, 101, 5);

        assertThatThrownBy(() -> book.restoreResting(1, 1, Side.BUY, 99, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.restoreResting(3, 1, Side.BUY, 101, 5)).as("crosses the asks")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.restoreResting(4, 1, Side.SELL, 100, 5)).as("crosses the bids")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.restoreResting(5, 1, Side.SELL, 102, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(book.restingOrderCount()).isEqualTo(2);
    }
}
