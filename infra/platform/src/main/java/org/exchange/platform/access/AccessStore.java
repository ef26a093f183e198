package org.exchange.platform.access;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
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

    AccessStore(String url, String username, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("access-store");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        // a limiter that cannot reach its store lets requests through (RateLimiter); it must find
        // that out quickly
        config.setConnectionTimeout(Duration.ofSeconds(1).toMillis());
        config.setSchema(SCHEMA);
        this.pool = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(pool)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .table("access_schema_history")
                .locations("classpath:db/access")
                .load()
                .migrate();
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
