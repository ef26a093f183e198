package org.exchange.projection.replay;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * Lets a thread work on another schema of the read-model database than the live one: the
 * projections' handlers, the token store and the progress recorder all write unqualified table
 * names, so a replay's processors run them unchanged on threads that say "schema replay_…" here,
 * and every connection they take has that search path (and their OpenSearch writes go to the
 * replay's own indices, {@code SearchBulk}). Other threads get connections as they are. A
 * connection handed out for another schema gets its own schema back before it returns to the pool.
 */
public final class ReadModelSchemas {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ReadModelSchemas() {
    }

    /** Runs {@code work} with this thread's connections on {@code schema}. */
    public static <T> T in(String schema, Callable<T> work) {
        String before = CURRENT.get();
        CURRENT.set(schema);
        try {
            return work.call();
        } catch (RuntimeException failure) {
            throw failure;
        } catch (Exception failure) {
            throw new IllegalStateException(failure);
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** The schema this thread works on, {@code null} for the live one. */
    public static String current() {
        return CURRENT.get();
    }

    /** A thread factory whose threads work on {@code schema} for their whole life. */
    static java.util.concurrent.ThreadFactory threadsOn(String schema, String name) {
        return runnable -> Thread.ofPlatform().name(name + "-", 0).daemon().unstarted(() -> in(schema, () -> {
            runnable.run();
            return null;
        }));
    }

    /** Wraps the application's data source (every user of it: JPA, JdbcClient, Flyway). */
    static BeanPostProcessor routing() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource && !(bean instanceof Routing) && "dataSource".equals(name)
                        ? new Routing(dataSource) : bean;
            }
        };
    }

    static final class Routing extends DelegatingDataSource {

        Routing(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return onCurrentSchema(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return onCurrentSchema(super.getConnection(username, password));
        }

        private static Connection onCurrentSchema(Connection connection) throws SQLException {
            String schema = CURRENT.get();
            if (schema == null) {
                return connection;
            }
            String own = connection.getSchema();
            connection.setSchema(schema);
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("close")) {
                            try {
                                if (!connection.isClosed()) {
                                    connection.setSchema(own);
                                }
                            } finally {
                                connection.close();
                            }
                            return null;
                        }
                        try {
                            return method.invoke(connection, arguments);
                        } catch (InvocationTargetException failure) {
                            throw failure.getCause();
                        }
                    });
        }
    }
}
