package org.exchange.query.page;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** How every read endpoint parses its common parameters, so that each refuses them the same way. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * A result size: {@code byDefault} when absent, {@code VALIDATION_FAILED} below 1,
     * {@code LIMIT_TOO_LARGE} above {@code max}.
     */
    public static int limit(Integer requested, int byDefault, int max) {
        if (requested == null) {
            return byDefault;
        }
        if (requested < 1) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + max);
        }
        if (requested > max) {
            throw new ExchangeException(ErrorCode.LIMIT_TOO_LARGE, "limit must be at most " + max);
        }
        return requested;
    }

    /** @return {@code null} when absent; {@code VALIDATION_FAILED} when not an ISO-8601 instant */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException malformed) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, name + " must be an ISO-8601 instant such as "
                    + "2026-11-21T10:00:00Z");
        }
    }

    /** {@code VALIDATION_FAILED} unless {@code from} is before {@code to} (when both are given). */
    public static void ordered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, "from must be before to");
        }
    }
}
