package org.exchange.query.page;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page of a newest-first list starts: strictly after the row at {@code at} with id
 * {@code id} (keyset pagination, stable while new rows arrive). Clients see it as an opaque string;
 * one this API did not return is refused with {@code INVALID_CURSOR}. It only positions a list
 * that is always restricted to the caller's own rows, so a forged cursor reveals nothing.
 */
public record PageCursor(Instant at, String id) {

    private static final Pattern FORMAT = Pattern.compile("c1\\|(-?\\d{1,19})\\|([A-Za-z0-9._:-]{1,64})");

    /** The cursor of a row; timestamps are kept to the microsecond, as PostgreSQL stores them. */
    public static PageCursor after(Instant at, String id) {
        return new PageCursor(at.truncatedTo(ChronoUnit.MICROS), id);
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("c1|" + micros + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @return {@code null} for no cursor (the first page) */
    public static PageCursor decode(String text) {
        if (text == null) {
            return null;
        }
        Matcher parts = FORMAT.matcher(decodeBase64(text));
        if (!parts.matches()) {
            throw invalid();
        }
        return new PageCursor(Instant.EPOCH.plus(Long.parseLong(parts.group(1)), ChronoUnit.MICROS), parts.group(2));
    }

    private static String decodeBase64(String text) {
        try {
            return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
    }

    private static ExchangeException invalid() {
        return new ExchangeException(ErrorCode.INVALID_CURSOR, "cursor is not one this API returned");
    }
}
