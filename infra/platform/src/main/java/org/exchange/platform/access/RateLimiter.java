package org.exchange.platform.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
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

    /** Takes one token from each named bucket. */
    public Decision take(Map<String, AccessProperties.Bucket> buckets) {
        if (buckets.isEmpty()) {
            return Decision.unlimited();
        }
        Map<String, AccessProperties.Bucket> ordered = new TreeMap<>(buckets);
        StringBuilder values = new StringBuilder();
        List<Object> arguments = new ArrayList<>();
        ordered.forEach((name, bucket) -> {
            values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, (extract(epoch FROM clock_timestamp()) * 1000)::bigint, true)");
            arguments.add(name);
            arguments.add(bucket.capacity());
            arguments.add(bucket.refillPerSecond());
            arguments.add(bucket.capacity() * MILLI - MILLI);
        });
        String refilled = "LEAST(EXCLUDED.capacity * 1000::bigint, b.milli_tokens"
                + " + GREATEST(0, EXCLUDED.refreshed_at - b.refreshed_at) * EXCLUDED.refill_per_second)";
        String sql = "INSERT INTO rate_buckets AS b (bucket, capacity, refill_per_second, milli_tokens, refreshed_at, granted) "
                + "VALUES " + values
                + " ON CONFLICT (bucket) DO UPDATE SET capacity = EXCLUDED.capacity,"
                + " refill_per_second = EXCLUDED.refill_per_second,"
                + " milli_tokens = CASE WHEN " + refilled + " >= 1000 THEN " + refilled + " - 1000 ELSE " + refilled + " END,"
                + " granted = " + refilled + " >= 1000,"
                + " refreshed_at = GREATEST(b.refreshed_at, EXCLUDED.refreshed_at)"
                + " RETURNING capacity, refill_per_second, milli_tokens, granted";
        try {
            List<Decision> decisions = jdbc.query(sql, (row, n) -> {
                long capacity = row.getLong("capacity");
                long rate = row.getLong("refill_per_second");
                long tokens = row.getLong("milli_tokens");
                boolean granted = row.getBoolean("granted");
                long retryAfter = granted ? 0 : Math.max(1, ceilDiv(MILLI - tokens, rate * MILLI));
                return new Decision(granted, capacity, tokens / MILLI, retryAfter);
            }, arguments.toArray());
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

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
