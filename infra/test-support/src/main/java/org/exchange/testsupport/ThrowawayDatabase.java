package org.exchange.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database on the real server for one test class, so tests never see
 * each other's events or the data of a running demo. Named {@code it_<purpose>_<random>};
 * {@code ./exchange test} drops leftovers of earlier runs.
 */
public final class ThrowawayDatabase {

    private ThrowawayDatabase() {
    }

    /** Creates the database, owned by the application user, and returns its name. */
    public static String create(RealComponents components, String purpose) {
        String name = ("it_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection admin = DriverManager.getConnection(components.jdbcUrl("postgres"), components.dbAdminUser(),
                components.dbAdminUser().equals(components.dbUser()) ? components.dbPassword() : "");
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + name + " owner " + components.dbUser());
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot create test database " + name + " on "
                    + components.jdbcUrl("postgres") + "; is ./exchange infra up running?", failure);
        }
        return name;
    }
}
