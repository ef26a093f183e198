package org.exchange.platform.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymsTest {

    private static final String ACCOUNT = "6f1c2a9e-3b7d-4c1e-9a0f-2d4b6c8e0a12";

    @Test
    void anAccountAlwaysGetsTheSamePseudonymUnderOneKey() {
        Pseudonyms pseudonyms = new Pseudonyms("0123456789abcdef-key");

        assertThat(pseudonyms.of(ACCOUNT)).isEqualTo(pseudonyms.of(ACCOUNT)).hasSize(64).matches("[0-9a-f]{64}")
                .doesNotContain(ACCOUNT);
        assertThat(pseudonyms.of(ACCOUNT)).isNotEqualTo(pseudonyms.of("another-account"));
    }

    @Test
    void anotherKeyGivesAnotherPseudonym() {
        assertThat(new Pseudonyms("0123456789abcdef-key").of(ACCOUNT))
                .isNotEqualTo(new Pseudonyms("0123456789abcdef-other").of(ACCOUNT));
    }

    @Test
    void itIsTheHmacSha256OfTheAccountId() {
        // computed outside Java: printf '%s' <ACCOUNT> | openssl dgst -sha256 -hmac 0123456789abcdef-key
        assertThat(new Pseudonyms("0123456789abcdef-key").of(ACCOUNT)).isEqualTo(OPENSSL_VECTOR);
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new Pseudonyms("short")).isInstanceOf(IllegalArgumentException.class);
    }

    private static final String OPENSSL_VECTOR = "6d03b3096f6969c5aa63a102b11e81a1b1e53b837ce425f990a3a6e55af3aa2f";
}
