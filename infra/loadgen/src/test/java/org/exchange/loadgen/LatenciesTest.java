package org.exchange.loadgen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void percentilesAreTheSamplesAtTheirRank() {
        Latencies latencies = new Latencies();
        for (int ms = 1000; ms >= 1; ms--) {
            latencies.record(ms * 1_000_000L);
        }
        Latencies.Summary summary = latencies.summary();
        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isEqualTo(500.0);
        assertThat(summary.p99()).isEqualTo(990.0);
        assertThat(summary.p999()).isEqualTo(999.0);
        assertThat(summary.max()).isEqualTo(1000.0);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Latencies latencies = new Latencies();
        latencies.record(1_234_567);
        assertThat(latencies.summary()).isEqualTo(new Latencies.Summary(1, 1.23, 1.23, 1.23, 1.23));
    }

    @Test
    void nothingRecordedHasNoSummary() {
        assertThat(new Latencies().summary()).isNull();
    }
}
