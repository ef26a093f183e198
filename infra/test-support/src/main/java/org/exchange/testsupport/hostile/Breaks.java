package org.exchange.testsupport.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * How one field of a request can be broken: a JSON value (as text) the endpoint must refuse, made
 * from the field's valid value so that the request still looks right. Every value it gives is
 * invalid for the field's kind, whatever else the request holds: a fuzz that sent a valid request
 * would change state, and the test would rightly fail.
 */
@FunctionalInterface
public interface Breaks {

    String invalid(String validValue, Random random);

    /**
     * Characters that print as something else or as nothing: controls, C1 controls, bidi overrides
     * and isolates, zero-width and format characters, separators, lone surrogates, private use,
     * non-characters, a language tag (a surrogate pair).
     */
    List<String> INVISIBLE = List.of("\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u001b", "\u007f",
            "\u0085", "\u009b", "\u00ad", "\u061c", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a",
            "\u202b", "\u202c", "\u202d", "\u202e", "\u2060", "\u2066", "\u2067", "\u2068", "\u2069", "\u2028",
            "\u2029", "\ufeff", "\ufff9", "\ud800", "\udfff", "\ue000", "\uffff", "\ufffe", "\uDB40\uDC01",
            "\uD834\uDD73");

    /** JSON values of the wrong type for a string field. */
    List<String> NOT_A_STRING = List.of("12345", "-0", "1.5", "1e999999999", "-1E-999999999", "true", "false", "{}",
            "{\"value\":\"x\"}", "[]", "[\"x\"]", "[[[]]]", "9".repeat(10_000), "0.000000001");

    /** A valid value with a hostile character inside, or hopelessly long, or empty. */
    static String hostileText(String validValue, Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> Json.string("");
            case 1 -> Json.string(" ".repeat(1 + random.nextInt(3)));
            case 2 -> Json.string(validValue + "A".repeat(10_001 + random.nextInt(20_000)));
            default -> Json.string(insert(validValue, pick(INVISIBLE, random), random));
        };
    }

    static Breaks decimal() {
        List<String> malformed = List.of("1e999999999", "-1E+999999999", "1e-999999999", "1e3", "1E3", "NaN",
                "Infinity", "-Infinity", "-0", "-0.0", "-0.00000000", "0x1A", "0X10", "0b101", "1,5", "1_000", "1..2",
                "--1", ".5", "1.", "9".repeat(10_000), "1" + "0".repeat(25), "0." + "1".repeat(19), "\u0661\u0662",
                "\uff11\uff12", "\u00bd", "\u221e", "$1");
        return (valid, random) -> switch (random.nextInt(6)) {
            case 0 -> hostileText(valid, random);
            case 1 -> Json.string(pick(List.of("+", " ", "-", "$"), random) + valid);
            case 2 -> Json.string(valid + pick(List.of(" ", "%", "e2", ".", "0x1", "\u0000"), random));
            default -> Json.string(pick(malformed, random));
        };
    }

    static Breaks enumOf(String... values) {
        Set<String> valid = Set.of(values);
        return (validValue, random) -> {
            List<String> candidates = new ArrayList<>(List.of(validValue + "X", "X" + validValue, " " + validValue,
                    validValue + " ", "*", "null", "0", "ALL", validValue.replace('_', '-'), validValue + "\u0000"));
            String lower = validValue.toLowerCase(Locale.ROOT);
            if (!lower.equals(validValue)) {
                candidates.add(lower);
                candidates.add(Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
            }
            candidates.removeIf(valid::contains);
            return random.nextInt(4) == 0 ? hostileText(validValue, random) : Json.string(pick(candidates, random));
        };
    }

    /** A market such as {@code BTC-USDT}: malformed, or well formed and never opened. */
    static Breaks market() {
        List<String> wrong = List.of("btc-usdt", "BTC_USDT", "BTCUSDT", "BTC-USDT-ETH", "B-USDT", "BTC-", "-USDT",
                "DOGE-USDT", "ZZZZ-USDT", "BTC-BTC", "\uff22\uff34\uff23-USDT", "BTC/USDT", "BTC-USDT;",
                "../BTC-USDT", "BTC-USDT\u0000", "*");
        return (valid, random) -> random.nextInt(3) == 0 ? hostileText(valid, random) : Json.string(pick(wrong, random));
    }

    static Breaks asset() {
        List<String> wrong = List.of("usdt", "DOGE", "U", "USDTUSDTUSDTX", "US DT", "BTC-USDT", "\u20bf",
                "\uff35\uff33\uff24\uff34", "USDT\u0000", "*");
        return (valid, random) -> random.nextInt(3) == 0 ? hostileText(valid, random) : Json.string(pick(wrong, random));
    }

    /** Ids of the form {@code [A-Za-z0-9._:-]{1,max}} (client order ids, deposit ids, key ids). */
    static Breaks identifier(int maxLength) {
        return (valid, random) -> switch (random.nextInt(4)) {
            case 0 -> hostileText(valid, random);
            case 1 -> Json.string(valid + "a".repeat(maxLength + 1));
            default -> Json.string(insert(valid, pick(List.of(" ", "/", "\\", "\u00e9", "<", "'", "\"", "${jndi:x}", "%00",
                    "*", "?", "#", ";", ","), random), random));
        };
    }

    /** A single word such as a user name: no spaces of any kind, no hostile characters. */
    static Breaks word() {
        return (valid, random) -> random.nextInt(3) == 0
                ? Json.string(insert(valid, pick(List.of(" ", "\u00a0", "\u3000", "\u2003", "\u1680"), random), random))
                : hostileText(valid, random);
    }

    /** Free text (a reason, a label): only hostile characters, emptiness and length break it. */
    static Breaks text(int maxLength) {
        return (valid, random) -> random.nextInt(4) == 0
                ? Json.string("x".repeat(maxLength + 1 + random.nextInt(100)))
                : hostileText(valid, random);
    }

    /** A JSON array of names from a fixed set (permissions). */
    static Breaks namesFrom(String... values) {
        Set<String> valid = Set.of(values);
        return (validValue, random) -> {
            String unknown = "ROOT";
            while (valid.contains(unknown)) {
                unknown = unknown + "X";
            }
            List<String> wrong = List.of(Json.string(values[0]), "1", "true", "{}", "[1]", "[null]", "[" + Json.string(unknown) + "]",
                    "[" + Json.string(values[0].toLowerCase(Locale.ROOT)) + "]", "[\"\"]", "[[" + Json.string(values[0]) + "]]",
                    "[" + hostileText(values[0], random) + "]");
            return pick(wrong, random);
        };
    }

    /** A JSON array of IPv4 addresses. */
    static Breaks ipAddresses() {
        return (validValue, random) -> pick(List.of("\"1.2.3.4\"", "1234", "true", "{}", "[1234]", "[null]",
                "[\"999.1.1.1\"]", "[\"1.2.3\"]", "[\"not-an-ip\"]", "[\"\"]", "[\"1.2.3.4/33\"]", "[\"1.2.3.4 \"]",
                "[\"::g\"]", "[\"1.2.3.4\\u0000\"]", "[\"1.2.3.4\\u202e\"]", "[\"256.256.256.256\"]"), random);
    }

    /** A size or offset bounded by {@code max} (the analytics search). */
    static Breaks count(int max) {
        return (valid, random) -> pick(List.of("-1", "1.5", "\"10\"", String.valueOf(max + 1), "99999999999999999999",
                "1e999999999", "9".repeat(10_000), "true", "null", "[]", "{}", "-0.5", "NaN"), random);
    }

    /** This or, one time in {@code oneIn}, the other. */
    default Breaks or(Breaks other, int oneIn) {
        return (valid, random) -> random.nextInt(oneIn) == 0 ? other.invalid(valid, random) : invalid(valid, random);
    }

    /** One of the given JSON texts. */
    static Breaks oneOf(String... json) {
        return (valid, random) -> json[random.nextInt(json.length)];
    }

    static String insert(String value, String inserted, Random random) {
        int at = value.isEmpty() ? 0 : random.nextInt(value.length() + 1);
        // never between the two halves of a surrogate pair of the valid value
        if (at > 0 && at < value.length() && Character.isLowSurrogate(value.charAt(at))) {
            at--;
        }
        return value.substring(0, at) + inserted + value.substring(at);
    }

    static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
