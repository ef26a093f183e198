package org.exchange.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A fresh, empty PostgreSQL database on the real server for one test class, so tests never see
 * each other's events or the data of a running demo. Named {@code it_<purpose>_<random>}. The
 * first use in a JVM drops leftovers of earlier runs that nobody is connected to any more. Each
 * database it creates keeps one idle connection until the JVM exits, so that another JVM's sweep
 * never takes a database whose service is still starting for a leftover.
 */
public final class ThrowawayDatabase {

    private static final String PREFIX = "it_";
    /** Exactly the names {@link #create} makes; nothing else on a shared server is ever dropped. */
    private static final Pattern OURS = Pattern.compile("it_[a-z0-9_]+_[0-9a-f]{8}");
    private static final AtomicBoolean LEFTOVERS_DROPPED = new AtomicBoolean();
    /** Open until the JVM exits: a database with a connection is never a leftover for anyone's sweep. */
    private static final List<Connection> KEEPERS = new CopyOnWriteArrayList<>();

    private ThrowawayDatabase() {
    }

    /** Creates the database, owned by the application user, and returns its name. */
    public static String create(RealComponents components, String purpose) {
        String name = (PREFIX + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection admin = adminConnection(components); Statement statement = admin.createStatement()) {
            if (LEFTOVERS_DROPPED.compareAndSet(false, true)) {
                dropUnusedLeftovers(statement);
            }
            statement.execute("create database " + name + " owner " + components.dbUser());
            KEEPERS.add(DriverManager.getConnection(components.jdbcUrl(name), components.dbUser(), components.dbPassword()));
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot create test database " + name + " on "
                    + components.jdbcUrl("postgres") + "; is ./exchange infra up running?", failure);
        }
        return name;
    }

    private static void dropUnusedLeftovers(Statement statement) throws SQLException {
        List<String> unused = new ArrayList<>();
        // '_' is a LIKE wildcard: escape it, then accept only names of exactly our shape
        try (ResultSet rows = statement.executeQuery("select datname from pg_database d where datname like 'it\\_%' "
                + "escape '\\' and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)")) {
            while (rows.next()) {
                if (OURS.matcher(rows.getString(1)).matches()) {
                    unused.add(rows.getString(1));
                }
            }
        }
        for (String database : unused) {
            try {
                statement.execute("drop database if exists " + database);
            } catch (SQLException inUseMeanwhile) {
                // another test JVM connected to it since we looked: it is not a leftover
            }
        }
    }

    private static Connection adminConnection(RealComponents components) throws SQLException {
        String password = components.dbAdminUser().equals(components.dbUser()) ? components.dbPassword() : "";
        return DriverManager.getConnection(components.jdbcUrl("postgres"), components.dbAdminUser(), password);
    }
}
