package org.exchange.platform.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * A small connection pool of a component's own, beside the service's main one (the access store, the
 * audit access log, the auditors' view of the event store): its own size and timeouts, optionally its
 * own schema migrated with a history table of its own, so it can share a database with anything.
 */
public final class OwnPool {

    private OwnPool() {
    }

    /**
     * Where a pool connects: its own settings, or, when its URL is unset, the service's own
     * {@code spring.datasource.*} (tests keep everything in one throwaway database).
     */
    public record Target(String url, String username, String password) {

        public static Target orServiceDatabase(String url, String username, String password, Environment environment) {
            return url != null && !url.isBlank() ? new Target(url, username, password)
                    : new Target(environment.getRequiredProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password"));
        }
    }

    /**
     * @param schema   the schema its connections use by default, or {@code null}
     * @param readOnly whether the connections are read-only
     */
    public static HikariDataSource open(String name, Target target, int size, Duration connectionTimeout, String schema,
                                        boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(target.url());
        config.setUsername(target.username());
        config.setPassword(target.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(1, size));
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setSchema(schema);
        config.setReadOnly(readOnly);
        return new HikariDataSource(config);
    }

    /** Migrates {@code schema} from {@code location}, recording its history in {@code historyTable} of that schema. */
    public static void migrate(HikariDataSource pool, String schema, String historyTable, String location) {
        Flyway.configure()
                .dataSource(pool)
                .schemas(schema)
                .defaultSchema(schema)
                .table(historyTable)
                .locations(location)
                .load()
                .migrate();
    }
}
