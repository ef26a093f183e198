package org.exchange.projection.progress;

import org.exchange.projection.progress.ProjectionProgress.Reached;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReachedTest {

    @Test
    void keepsTheHigherOffsetAndPosition() {
        assertThat(Reached.max(new Reached(3, 40L), new Reached(5, 38L))).isEqualTo(new Reached(5, 40L));
    }

    @Test
    void recordsWithoutAPositionKeepTheKnownOne() {
        assertThat(Reached.max(new Reached(3, null), new Reached(5, 38L))).isEqualTo(new Reached(5, 38L));
        assertThat(Reached.max(new Reached(3, 40L), new Reached(5, null))).isEqualTo(new Reached(5, 40L));
        assertThat(Reached.max(new Reached(3, null), new Reached(5, null))).isEqualTo(new Reached(5, null));
    }
}
