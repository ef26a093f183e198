package org.exchange.platform.search;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalUnitsTest {

    @Test
    void aDecimalOfAnyScaleUpToEightIsCountedInHundredMillionths() {
        assertThat(DecimalUnits.of(new BigDecimal("100.00"))).isEqualTo(10_000_000_000L);
        assertThat(DecimalUnits.of(new BigDecimal("0.00000001"))).isEqualTo(1);
        assertThat(DecimalUnits.of(new BigDecimal("-40.0000000"))).isEqualTo(-4_000_000_000L);
        assertThat(DecimalUnits.toDecimal(5_015_000_000L).toPlainString()).isEqualTo("50.15000000");
    }

    @Test
    void aNinthDecimalIsRefusedRatherThanRounded() {
        assertThatThrownBy(() -> DecimalUnits.of(new BigDecimal("0.000000001"))).isInstanceOf(ArithmeticException.class);
        assertThat(DecimalUnits.of(new BigDecimal("1.000000000"))).as("trailing zeros are not precision")
                .isEqualTo(100_000_000L);
    }

    @Test
    void aSumIsTakenOnlyWhileADoubleHoldsItExactly() {
        double largestExact = 9_007_199_254_740_991d;

        assertThat(DecimalUnits.ofSum(largestExact)).isEqualTo(9_007_199_254_740_991L);
        assertThatThrownBy(() -> DecimalUnits.ofSum(largestExact + 1)).isInstanceOf(DecimalUnits.SumTooLargeException.class);
    }
}
