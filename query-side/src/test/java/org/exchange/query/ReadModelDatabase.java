package org.exchange.query;

import org.exchange.testsupport.RealComponents;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.SQLException;

/** The owner's connection to a test's throwaway database, for filling it the way the writers do. */
public final class ReadModelDatabase {

    private ReadModelDatabase() {
    }

    /**
     * Connected at once and never closed: ThrowawayDatabase's sweep in another test JVM drops any
     * {@code it_} database nobody is connected to, and the service connects only seconds later.
     */
    public static SingleConnectionDataSource connected(RealComponents components, String database) {
        SingleConnectionDataSource owner = new SingleConnectionDataSource(components.jdbcUrl(database),
                components.dbUser(), components.dbPassword(), true);
        try {
            owner.getConnection();
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot connect to " + database, failure);
        }
        return owner;
    }
}
