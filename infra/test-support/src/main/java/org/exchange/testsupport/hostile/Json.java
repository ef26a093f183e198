package org.exchange.testsupport.hostile;

/** JSON text built by hand, so that a test can write what no JSON library would. */
final class Json {

    private Json() {
    }

    /**
     * A JSON string literal. Characters below U+0020, quotes and backslashes are escaped, as are
     * surrogates (a lone one cannot be written as UTF-8, but {@code "\ud800"} is valid JSON text);
     * everything else is written as it is.
     */
    static String string(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !pairedAt(value, i)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** A string literal with its characters as they are: control characters unescaped (invalid JSON). */
    static String rawString(String value) {
        return '"' + value + '"';
    }

    private static boolean pairedAt(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }

    static String nested(int depth, boolean arrays) {
        return arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }
}
