package org.exchange.platform.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Token buckets kept in the access store, so that every replica of every service draws from the
 * same buckets. Taking a token is one statement for all the buckets a request touches (an upsert
 * that refills by the time passed on the database's clock and takes a token where one is left),
 * in a fixed order of bucket names so that concurrent requests never deadlock.
 *
 * <p>If the store cannot be reached the request is let through and the failure logged: the
 * limiter protects the exchange from floods, and must not itself take the exchange down.
 */
public final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long MILLI = 1000;

    /** The bucket that decides: the emptiest one, or the one that refused. */
    public record Decision(boolean granted, long limit, long remaining, long retryAfterSeconds) {

        static Decision unlimited() {
            return new Decision(true, -1, -1, 0);
        }
    }

    private final JdbcTemplate jdbc;
    private volatile long lastFailureLogged;

    RateLimiter(AccessStore store) {
        this.jdbc = store.jdbc();
    }

    /**
     * Takes one token from each named bucket, or from none of them: a request refused by one bucket
     * costs nothing in the others.
     */
    public Decision take(Map<String, AccessProperties.Bucket> buckets) {
        if (buckets.isEmpty()) {
            return Decision.unlimited();
        }
        Map<String, AccessProperties.Bucket> ordered = new TreeMap<>(buckets);
        try {
            List<Object> arguments = new ArrayList<>();
            ordered.forEach((name, bucket) -> {
                arguments.add(name);
                arguments.add(bucket.capacity());
                arguments.add(bucket.refillPerSecond());
            });
            // existing buckets: refill by the time passed, lock in name order, take a token from
            // each if every one has a token
            List<Taken> taken = jdbc.query("""
                    WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms),
                         asked (bucket, capacity, rate) AS (VALUES %s),
                         current AS (
                             SELECT b.bucket, asked.capacity, asked.rate, clock.ms,
                                    LEAST(asked.capacity * 1000::bigint,
                                          b.milli_tokens + GREATEST(0, clock.ms - b.refreshed_at) * asked.rate) AS refilled
                             FROM rate_buckets b JOIN asked ON asked.bucket = b.bucket CROSS JOIN clock
                             ORDER BY b.bucket
                             FOR UPDATE OF b),
                         verdict AS (SELECT bool_and(refilled >= 1000) AS granted FROM current)
                    UPDATE rate_buckets b
                    SET capacity = current.capacity, refill_per_second = current.rate,
                        milli_tokens = CASE WHEN verdict.granted THEN current.refilled - 1000 ELSE current.refilled END,
                        refreshed_at = GREATEST(b.refreshed_at, current.ms),
                        granted = verdict.granted
                    FROM current, verdict
                    WHERE b.bucket = current.bucket
                    RETURNING b.bucket, b.capacity, b.refill_per_second, b.milli_tokens, verdict.granted,
                              current.refilled >= 1000 AS had_token
                    """.formatted(String.join(", ", Collections.nCopies(ordered.size(), "(?::text, ?::integer, ?::integer)"))),
                    (row, n) -> new Taken(row.getString("bucket"), row.getLong("capacity"), row.getLong("refill_per_second"),
                            row.getLong("milli_tokens"), row.getBoolean("granted"), row.getBoolean("had_token")),
                    arguments.toArray());
            boolean granted = taken.stream().allMatch(Taken::granted);
            List<Decision> decisions = new ArrayList<>();
            for (Taken bucket : taken) {
                decisions.add(bucket.decision());
                ordered.remove(bucket.name());
            }
            // buckets seen for the first time start full, less this request's token if it was granted
            ordered.forEach((name, bucket) -> {
                long tokens = bucket.capacity() * MILLI - (granted ? MILLI : 0);
                jdbc.update("""
                        INSERT INTO rate_buckets (bucket, capacity, refill_per_second, milli_tokens, refreshed_at, granted)
                        VALUES (?, ?, ?, ?, (extract(epoch FROM clock_timestamp()) * 1000)::bigint, ?)
                        ON CONFLICT (bucket) DO NOTHING""", name, bucket.capacity(), bucket.refillPerSecond(), tokens, granted);
                decisions.add(new Decision(granted, bucket.capacity(), tokens / MILLI, 0));
            });
            return decisions.stream()
                    .min(Comparator.comparing(Decision::granted).thenComparingLong(Decision::remaining))
                    .orElseGet(Decision::unlimited);
        } catch (DataAccessException unreachable) {
            long now = System.currentTimeMillis();
            if (now - lastFailureLogged > 10_000) {
                lastFailureLogged = now;
                log.warn("rate limits not applied: the access store cannot be reached ({})", unreachable.getMessage());
            }
            return Decision.unlimited();
        }
    }

    /** One bucket after a request: {@code hadToken} tells which bucket refused, when one did. */
    private record Taken(String name, long capacity, long refillPerSecond, long milliTokens, boolean granted,
                         boolean hadToken) {

        Decision decision() {
            if (granted) {
                return new Decision(true, capacity, milliTokens / MILLI, 0);
            }
            long retryAfter = hadToken ? 0 : Math.max(1, ceilDiv(MILLI - milliTokens, refillPerSecond * MILLI));
            // a bucket that had a token did not refuse: report it as granted, so the refusing one decides
            return new Decision(hadToken, capacity, milliTokens / MILLI, retryAfter);
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
