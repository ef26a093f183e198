package org.exchange.api.common;

/**
 * The one rule for free-text fields that travel into events, logs, Keycloak look-ups and answers
 * (a user name, a halt reason, an API key's label): bounded in length, and free of characters that
 * print as something else or as nothing. Refused ({@code VALIDATION_FAILED}): control characters
 * (NUL, escape, C1 controls), format characters (bidi overrides and isolates such as U+202E, zero-width
 * characters, the byte-order mark), line and paragraph separators, lone surrogates (JSON can write
 * {@code "\ud800"}), private-use characters and the non-characters U+FFFE/U+FFFF.
 */
public final class TextFields {

    private TextFields() {
    }

    /** Text that may contain spaces (a reason, a label); 1 to {@code maxLength} code points. */
    public static String text(String field, String value, int maxLength) {
        return check(field, value, maxLength, true);
    }

    /** A single word (a user name): as {@link #text} but without any whitespace. */
    public static String word(String field, String value, int maxLength) {
        return check(field, value, maxLength, false);
    }

    /** Whether every code point of {@code value} is one a person can see or a plain space. */
    public static boolean isPrintable(String value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (!printable(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    private static String check(String field, String value, int maxLength, boolean spaces) {
        if (value == null || value.isBlank()) {
            throw refused(field + " is required");
        }
        // length first, so that a megabyte of text is never scanned code point by code point
        if (value.length() > 2 * maxLength || value.codePointCount(0, value.length()) > maxLength) {
            throw refused(field + " is longer than " + maxLength + " characters");
        }
        if (!isPrintable(value)) {
            throw refused(field + " contains control, invisible or direction-changing characters");
        }
        if (!spaces && value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw refused(field + " must not contain spaces");
        }
        return value;
    }

    private static boolean printable(int codePoint) {
        if (codePoint == ' ') {
            return true;
        }
        if ((codePoint & 0xFFFE) == 0xFFFE) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    private static ExchangeException refused(String detail) {
        return new ExchangeException(ErrorCode.VALIDATION_FAILED, detail);
    }
}
