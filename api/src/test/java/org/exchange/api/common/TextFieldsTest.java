package org.exchange.api.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextFieldsTest {

    @ParameterizedTest
    @ValueSource(strings = {"maintenance", "halted: exchange rate feed down", "Zürich-Börse", "市場", "emoji \uD83D\uDE80 ok"})
    void acceptsTextPeopleWrite(String text) {
        assertThat(TextFields.text("reason", text, 100)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u001bb", "a\tb", "a\nb", "a\u0085b", "a\u202eb", "a\u2066b", "a\u200bb",
            "\ufeffa", "a\u2028b", "a\ud800b", "a\udc00", "a\ue000b", "a\uffffb", "a\uDBFF\uDFFEb"})
    void refusesControlInvisibleAndDirectionChangingCharacters(String text) {
        assertThatThrownBy(() -> TextFields.text("reason", text, 100))
                .isInstanceOfSatisfying(ExchangeException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void countsCodePointsNotCharsAndRefusesLongerText() {
        assertThat(TextFields.text("label", "\uD83D\uDE80".repeat(10), 10)).hasSize(20);
        assertThatThrownBy(() -> TextFields.text("label", "x".repeat(11), 10))
                .hasMessage("label is longer than 10 characters");
        assertThatThrownBy(() -> TextFields.text("label", "x".repeat(1_000_000), 10))
                .hasMessage("label is longer than 10 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ali ce", "alice\u00a0", "\u3000alice"})
    void aWordHasNoSpacesAndIsNotBlank(String text) {
        assertThatThrownBy(() -> TextFields.word("user", text, 255))
                .isInstanceOfSatisfying(ExchangeException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
}
