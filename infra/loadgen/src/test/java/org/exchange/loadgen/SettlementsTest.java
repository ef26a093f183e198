package org.exchange.loadgen;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class SettlementsTest {

    private final Settlements settlements = new Settlements();
    private final Phase phase = new Phase("test", 0, 1, 1);

    @Test
    void aRestingOrderIsSettledWhenItsAcceptanceIsStreamedAfterTheAnswer() {
        settlements.answered("o1", phase, 1_000_000, 3_000_000, "NEW", BigDecimal.ZERO);
        assertThat(phase.settled.get()).isZero();
        settlements.streamed("o1", "ACCEPTED", BigDecimal.ZERO, 5_000_000);
        assertThat(phase.settled.get()).isEqualTo(1);
        assertThat(phase.placeToSettled.summary().max()).isEqualTo(4.0);
    }

    @Test
    void anEventStreamedBeforeTheAnswerSettlesAtTheAnswer() {
        settlements.streamed("o1", "PLACED", null, 1_500_000);
        settlements.streamed("o1", "ACCEPTED", null, 2_000_000);
        settlements.answered("o1", phase, 1_000_000, 3_000_000, "NEW", BigDecimal.ZERO);
        assertThat(phase.settled.get()).isEqualTo(1);
        assertThat(phase.placeToSettled.summary().max()).isEqualTo(2.0);
    }

    @Test
    void aPartlyFilledOrderWaitsForItsFillsToBeRecorded() {
        settlements.answered("o1", phase, 0, 1_000_000, "PARTIALLY_FILLED", new BigDecimal("0.5"));
        settlements.streamed("o1", "ACCEPTED", null, 2_000_000);
        settlements.streamed("o1", "FILL", new BigDecimal("0.2"), 3_000_000);
        assertThat(phase.settled.get()).isZero();
        settlements.streamed("o1", "FILL", new BigDecimal("0.50"), 4_000_000);
        assertThat(phase.settled.get()).isEqualTo(1);
        assertThat(settlements.unsettled(phase)).isZero();
    }

    @Test
    void aFilledOrderIsSettledOnlyWhenClosed() {
        settlements.answered("o1", phase, 0, 1_000_000, "FILLED", new BigDecimal("1"));
        settlements.streamed("o1", "ACCEPTED", null, 2_000_000);
        settlements.streamed("o1", "FILL", new BigDecimal("1"), 3_000_000);
        settlements.streamed("o1", "BOOK_OUTCOME", new BigDecimal("1"), 3_500_000);
        assertThat(phase.settled.get()).isZero();
        assertThat(settlements.unsettled(phase)).isEqualTo(1);
        settlements.streamed("o1", "CLOSED", new BigDecimal("1"), 6_000_000);
        assertThat(phase.settled.get()).isEqualTo(1);
        assertThat(phase.placeToSettled.summary().max()).isEqualTo(6.0);
    }

    @Test
    void streamEventsOfOrdersNeverAnsweredSettleNothing() {
        settlements.streamed("other", "CLOSED", BigDecimal.ONE, 1_000_000);
        assertThat(phase.settled.get()).isZero();
        assertThat(settlements.unsettled(phase)).isZero();
    }
}
