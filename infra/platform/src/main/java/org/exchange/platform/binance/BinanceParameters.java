package org.exchange.platform.binance;

import jakarta.servlet.http.HttpServletRequest;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Binance endpoint's query parameters, read the way Binance reads them: each parameter at most
 * once ({@code -1101}), none the endpoint does not take ({@code -1104}), a mandatory one present and
 * not empty ({@code -1102}), an optional one not empty ({@code -1105}), numbers of digits only
 * ({@code -1100}) that fit ({@code -1108}).
 */
public final class BinanceParameters {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final String LEGAL_DIGITS = "^[0-9]{1,20}$";

    private final HttpServletRequest request;

    private BinanceParameters(HttpServletRequest request) {
        this.request = request;
    }

    /** The request's parameters, refused unless each is one of {@code accepted} and sent once. */
    public static BinanceParameters of(HttpServletRequest request, String... accepted) {
        Set<String> known = Set.of(accepted);
        List<String> sent = Collections.list(request.getParameterNames());
        int read = 0;
        for (String name : sent) {
            if (request.getParameterValues(name).length > 1) {
                throw new BinanceRefusal(BinanceError.duplicateParameter());
            }
            if (known.contains(name)) {
                read++;
            }
        }
        if (read < sent.size()) {
            throw new BinanceRefusal(BinanceError.unreadParameters(read, sent.size()));
        }
        return new BinanceParameters(request);
    }

    /**
     * A signed endpoint's parameters: {@code accepted} and the signing ones ({@code timestamp},
     * {@code recvWindow}, {@code signature}), which the signing filter leaves in the request.
     */
    public static BinanceParameters signed(HttpServletRequest request, String... accepted) {
        String[] all = Arrays.copyOf(accepted, accepted.length + 3);
        all[accepted.length] = "timestamp";
        all[accepted.length + 1] = "recvWindow";
        all[accepted.length + 2] = "signature";
        return of(request, all);
    }

    public boolean has(String name) {
        return request.getParameter(name) != null;
    }

    /** A mandatory text parameter. */
    public String required(String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            throw new BinanceRefusal(BinanceError.mandatory(name));
        }
        return value;
    }

    /** An optional text parameter: {@code null} when not sent. */
    public String optional(String name) {
        String value = request.getParameter(name);
        if (value != null && value.isEmpty()) {
            throw new BinanceRefusal(BinanceError.empty(name));
        }
        return value;
    }

    /** An optional whole number: {@code null} when not sent. */
    public Long number(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        if (!DIGITS.matcher(value).matches()) {
            throw new BinanceRefusal(BinanceError.illegalCharacters(name, LEGAL_DIGITS));
        }
        BigInteger number = new BigInteger(value);
        if (number.bitLength() > 63) {
            throw new BinanceRefusal(BinanceError.overflow(name));
        }
        return number.longValue();
    }

    /** An optional time in epoch milliseconds: {@code null} when not sent. */
    public Instant time(String name) {
        Long millis = number(name);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * {@code limit}: {@code byDefault} when not sent, at least 1, and above {@code max} cut to
     * {@code max} (as Binance does).
     */
    public int limit(int byDefault, int max) {
        Long limit = number("limit");
        if (limit == null) {
            return byDefault;
        }
        if (limit < 1) {
            throw new BinanceRefusal(BinanceError.invalidParameter("limit"));
        }
        return (int) Math.min(limit, max);
    }

    /** {@code -1023} when both times are given and the start is after the end. */
    public static void ordered(Instant start, Instant end) {
        if (start != null && end != null && start.isAfter(end)) {
            throw new BinanceRefusal(BinanceError.startAfterEnd());
        }
    }
}
