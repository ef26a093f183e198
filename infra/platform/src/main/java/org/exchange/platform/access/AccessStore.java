package org.exchange.platform.access;

import com.zaxxer.hikari.HikariDataSource;
import org.exchange.platform.jdbc.OwnPool;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/**
 * The database behind API keys and rate limits: its own small pool (the services' main pools are
 * read-only on the query side, and sized for other work) and its own schema {@code access},
 * migrated from {@code db/access} with a history table of its own, so it can share a database with
 * anything.
 */
public final class AccessStore implements AutoCloseable {

    static final String SCHEMA = "access";

    private final HikariDataSource pool;
    private final JdbcTemplate jdbc;

    AccessStore(OwnPool.Target target, int poolSize) {
        // a limiter that cannot reach its store lets requests through (RateLimiter); it must find
        // that out quickly
        this.pool = OwnPool.open("access-store", target, poolSize, Duration.ofSeconds(1), SCHEMA, false);
        OwnPool.migrate(pool, SCHEMA, "access_schema_history", "classpath:db/access");
        this.jdbc = new JdbcTemplate(pool);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        pool.close();
    }
}
