package org.exchange.platform.access;

import org.exchange.api.common.ExchangeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an API key's allow-list accepts, and which client addresses each entry lets in. */
class AddressRangeTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.7,      203.0.113.7,  true",
            "203.0.113.7,      203.0.113.8,  false",
            "203.0.113.0/24,   203.0.113.255, true",
            "203.0.113.0/24,   203.0.114.1,  false",
            "203.0.113.77/24,  203.0.113.1,  true",
            "0.0.0.0/0,        198.51.100.1, true",
            "2001:db8::/32,    2001:db8:0:1::5, true",
            "2001:db8::/32,    2001:db9::1,  false",
            "2001:db8::/32,    203.0.113.7,  false",
            "127.0.0.0/8,      127.1.2.3,    true"})
    void anEntryLetsInTheAddressesItCovers(String entry, String client, boolean allowed) {
        assertThat(AddressRange.parse(entry).contains(AddressRange.literal(client))).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({"203.0.113.77/24, 203.0.113.0/24", "203.0.113.7, 203.0.113.7", "2001:DB8::1, 2001:db8:0:0:0:0:0:1"})
    void entriesAreStoredInTheirCanonicalForm(String entry, String stored) {
        assertThat(AddressRange.parse(entry)).hasToString(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost", "256.1.1.1", "1.2.3", "10.0.0.0/33", "10.0.0.0/-1",
            "10.0.0.0/8/8", "10.0.0.0/ 8", "1.2.3.4 ", " 1.2.3.4", "2001:db8::/129", "", " ", "1.2.3.4\u0000", "::ffff:zzzz"})
    void anythingButAnAddressLiteralOrRangeIsRefused(String entry) {
        assertThatThrownBy(() -> AddressRange.parse(entry)).isInstanceOf(ExchangeException.class);
    }
}
