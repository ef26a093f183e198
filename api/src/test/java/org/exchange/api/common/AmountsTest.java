package org.exchange.api.common;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmountsTest {

    @ParameterizedTest
    @CsvSource({"1000.00,1000.00000000", "0.00000001,0.00000001", "7,7.00000000", "12.50000000000,12.50000000"})
    void acceptsPlainPositiveDecimalsAndGivesThemTheAssetScale(String text, String expected) {
        assertThat(Amounts.positive("amount", text, 8).toPlainString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "1e3", "1E-2", "+1", "0x10", "1,5", "NaN", "Infinity", "1.", ".5",
            "123456789012345678901", "1.1234567890123456789", "\u0661", "-0", "-0.00", "-00.0"})
    void refusesAnythingButPlainDecimalNotation(String text) {
        assertThatThrownBy(() -> Amounts.positive("amount", text, 8))
                .isInstanceOfSatisfying(ExchangeException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.MALFORMED_AMOUNT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-1", "-0.00000001"})
    void refusesZeroAndNegativeAmounts(String text) {
        assertThatThrownBy(() -> Amounts.positive("amount", text, 8))
                .isInstanceOfSatisfying(ExchangeException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_AMOUNT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.000000001", "1.123456789"})
    void refusesMoreDecimalPlacesThanTheAssetHas(String text) {
        assertThatThrownBy(() -> Amounts.positive("amount", text, 8))
                .isInstanceOfSatisfying(ExchangeException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.AMOUNT_PRECISION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0000000000", "5.00000000000000000"})
    void trailingZerosBeyondTheScaleAreNotExtraPrecision(String text) {
        assertThat(Amounts.positive("amount", text, 8).scale()).isEqualTo(8);
    }
}
