package org.exchange.api.market;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;

/**
 * A candle (kline) interval, as Binance names them. Candles open at a multiple of their length since
 * the epoch (UTC), except weeks, which open on Monday 00:00 UTC, and months, which open on the 1st.
 * Every reader and writer of candles (read models, streams, the compatible API) buckets trades here,
 * so they agree on which candle a trade belongs to.
 */
public enum CandleInterval {
    ONE_SECOND("1s", Duration.ofSeconds(1)),
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    THREE_MINUTES("3m", Duration.ofMinutes(3)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    THIRTY_MINUTES("30m", Duration.ofMinutes(30)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    TWO_HOURS("2h", Duration.ofHours(2)),
    FOUR_HOURS("4h", Duration.ofHours(4)),
    SIX_HOURS("6h", Duration.ofHours(6)),
    EIGHT_HOURS("8h", Duration.ofHours(8)),
    TWELVE_HOURS("12h", Duration.ofHours(12)),
    ONE_DAY("1d", Duration.ofDays(1)),
    THREE_DAYS("3d", Duration.ofDays(3)),
    ONE_WEEK("1w", Duration.ofDays(7)),
    ONE_MONTH("1M", null);

    private final String code;
    private final Duration fixedLength;

    CandleInterval(String code, Duration fixedLength) {
        this.code = code;
        this.fixedLength = fixedLength;
    }

    /** {@code 1m}, {@code 4h}, {@code 1M}… (case matters: {@code 1m} is a minute, {@code 1M} a month). */
    public String code() {
        return code;
    }

    /** @throws ExchangeException {@code INVALID_INTERVAL} for anything but one of {@link #codes()} */
    public static CandleInterval ofCode(String code) {
        for (CandleInterval interval : values()) {
            if (interval.code.equals(code)) {
                return interval;
            }
        }
        throw new ExchangeException(ErrorCode.INVALID_INTERVAL, "interval must be one of " + codes());
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(CandleInterval::code).toList();
    }

    /** When the candle holding {@code at} opened. */
    public Instant openTime(Instant at) {
        return switch (this) {
            case ONE_WEEK -> at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
            case ONE_MONTH -> at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
            default -> {
                long length = fixedLength.toMillis();
                yield Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), length) * length);
            }
        };
    }

    /** When the candle that opened at {@code openTime} is followed by the next one. */
    public Instant nextOpenTime(Instant openTime) {
        if (this == ONE_MONTH) {
            ZonedDateTime open = openTime.atZone(ZoneOffset.UTC);
            return open.plusMonths(1).toInstant();
        }
        return openTime.plus(fixedLength);
    }

    /** The last millisecond of the candle that opened at {@code openTime} (Binance's close time). */
    public Instant closeTime(Instant openTime) {
        return nextOpenTime(openTime).minusMillis(1);
    }
}
