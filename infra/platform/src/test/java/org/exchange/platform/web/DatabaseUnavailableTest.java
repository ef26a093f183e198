package org.exchange.platform.web;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures a client is told to retry (503 SERVICE_UNAVAILABLE) rather than shown as our own
 * failure (500): a database that cannot be reached, however deep Axon and Hibernate wrapped it.
 */
class DatabaseUnavailableTest {

    @Test
    void aConnectionTheServerEndedUnderTheRequestIsUnavailableHoweverDeeplyWrapped() {
        // as seen from a deposit while the database was being closed: Axon's EventStoreException around
        // Hibernate's GenericJDBCException around the driver's 57P01
        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        Exception wrapped = new IllegalStateException("event store", new RuntimeException("could not extract ResultSet", terminated));
        assertThat(ProblemDetailsAdvice.databaseUnavailable(wrapped)).isTrue();
        assertThat(ProblemDetailsAdvice.databaseUnavailable(new SQLException("connection failure", "08006"))).isTrue();
        assertThat(ProblemDetailsAdvice.databaseUnavailable(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreOurs() {
        assertThat(ProblemDetailsAdvice.databaseUnavailable(
                new RuntimeException(new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(ProblemDetailsAdvice.databaseUnavailable(new SQLException("no state"))).isFalse();
        assertThat(ProblemDetailsAdvice.databaseUnavailable(new IllegalStateException("not a database"))).isFalse();
    }

    @Test
    void aCommandNotAnsweredInTimeIsA503ToRetryNotOurFailure() {
        // as seen in the reliability drill: Axon's CommandExecutionException around the gateway's TimeoutException
        Exception timedOut = new IllegalStateException("An exception occurred while executing a command",
                new java.util.concurrent.TimeoutException());

        var answer = new ProblemDetailsAdvice().unexpected(timedOut);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "SERVICE_UNAVAILABLE");
        assertThat(answer.getBody().getDetail()).contains("may still take effect");
    }

    @Test
    void aRequestThatWaitedTooLongForItsTurnIsTold503WithoutBlamingTheDatabase() {
        var answer = new ProblemDetailsAdvice().unavailable(
                new org.springframework.dao.CannotAcquireLockException("market BTC-USDT did not take the request within 5 s"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody().getDetail()).contains("nothing was done").doesNotContain("database");
    }
}
