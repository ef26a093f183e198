package org.exchange.loadgen;

import org.exchange.testsupport.RealComponents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's rate of single-row commits on the stack's own server, with 1 and 8 clients: each
 * transaction inserts one row into a table of a throwaway database and commits (autocommit), the
 * smallest durable write an event store can make. With pgbench when it is installed (custom script,
 * {@code -n -M prepared}), otherwise the same loop over JDBC.
 */
final class CommitRate {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    record Result(String tool, int clients, double commitsPerSecond) {
    }

    private final RealComponents components;
    private final String pgbench;

    /** @param pgbench the pgbench executable, or {@code null} to use JDBC */
    CommitRate(RealComponents components, String pgbench) {
        this.components = components;
        this.pgbench = pgbench;
    }

    /** The server's durability settings, which decide what a commit costs. */
    String settings() throws SQLException {
        try (Connection admin = admin("postgres"); Statement statement = admin.createStatement()) {
            StringBuilder settings = new StringBuilder();
            for (String name : List.of("server_version", "synchronous_commit", "fsync", "wal_sync_method", "commit_delay")) {
                try (ResultSet value = statement.executeQuery("show " + name)) {
                    value.next();
                    settings.append(settings.isEmpty() ? "" : ", ").append(name).append('=').append(value.getString(1));
                }
            }
            return settings.toString();
        }
    }

    List<Result> measure(int seconds) throws Exception {
        String database = "bench_commit_" + System.currentTimeMillis();
        try (Connection admin = admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("create database " + database + " owner " + components.dbUser());
        }
        try {
            try (Connection connection = user(database); Statement statement = connection.createStatement()) {
                statement.execute("create table commit_probe (id bigserial primary key, at timestamptz not null default now(), v int not null)");
            }
            List<Result> results = new ArrayList<>();
            for (int clients : new int[]{1, 8}) {
                results.add(pgbench != null ? pgbench(database, clients, seconds) : jdbc(database, clients, seconds));
            }
            return results;
        } finally {
            try (Connection admin = admin("postgres"); Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private Result pgbench(String database, int clients, int seconds) throws IOException, InterruptedException {
        Path script = Files.createTempFile("commit-probe", ".sql");
        try {
            Files.writeString(script, "insert into commit_probe (v) values (1);\n");
            ProcessBuilder command = new ProcessBuilder(pgbench, "-n", "-M", "prepared", "-f", script.toString(),
                    "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                    "-T", Integer.toString(seconds), "-h", components.dbHost(), "-p", Integer.toString(components.dbPort()),
                    "-U", components.dbUser(), database).redirectErrorStream(true);
            command.environment().put("PGPASSWORD", components.dbPassword());
            Process process = command.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pgbench failed:\n" + output);
            }
            Matcher tps = TPS.matcher(output);
            if (!tps.find()) {
                throw new IllegalStateException("no tps in pgbench's output:\n" + output);
            }
            return new Result("pgbench", clients, Double.parseDouble(tps.group(1)));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private Result jdbc(String database, int clients, int seconds) throws Exception {
        AtomicLong commits = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection connection = user(database);
                     PreparedStatement insert = connection.prepareStatement("insert into commit_probe (v) values (1)")) {
                    while (System.nanoTime() < end) {
                        insert.executeUpdate();
                        commits.incrementAndGet();
                    }
                } catch (SQLException failure) {
                    synchronized (failures) {
                        failures.add(failure);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        return new Result("JDBC", clients, commits.get() / ((System.nanoTime() - start) / 1e9));
    }

    private Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(components.jdbcUrl(database), components.dbAdminUser(),
                System.getenv().getOrDefault("EXCHANGE_DB_ADMIN_PASSWORD", ""));
    }

    private Connection user(String database) throws SQLException {
        return DriverManager.getConnection(components.jdbcUrl(database), components.dbUser(), components.dbPassword());
    }
}
