package org.exchange.api.common;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one rule for identifiers that travel in URLs, events and logs (accounts, deposits, orders):
 * 1 to 64 characters of letters, digits and {@code . _ : -}. UUIDs and client references fit.
 */
public final class Identifiers {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private Identifiers() {
    }

    public static String requireValid(String kind, String value) {
        Objects.requireNonNull(value, kind);
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " must be 1-64 characters of [A-Za-z0-9._:-]");
        }
        return value;
    }
}
