package org.exchange.platform.audit;

import com.zaxxer.hikari.HikariDataSource;
import org.exchange.platform.jdbc.OwnPool;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The record of who used the audit API: one row per request, written before the request is served
 * and completed with the caller and the outcome afterwards (so no audit request is answered without a
 * row). Its own small pool and schema {@value #SCHEMA}, migrated from {@code db/audit-log} with a
 * history table of its own, like the access store (ADR 0013).
 */
public final class AuditAccessLog implements AutoCloseable {

    static final String SCHEMA = "audit_log";

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final String service;

    AuditAccessLog(OwnPool.Target target, int poolSize, String service) {
        this.pool = OwnPool.open("audit-access-log", target, poolSize, Duration.ofSeconds(2), SCHEMA, false);
        OwnPool.migrate(pool, SCHEMA, "audit_log_schema_history", "classpath:db/audit-log");
        this.jdbc = JdbcClient.create(pool);
        this.service = service;
    }

    /** One recorded request. {@code status} is {@code null} while it is being served. */
    public record Entry(long id, Instant receivedAt, String service, String method, String path, String query,
                        String accountId, String username, List<String> roles, String apiKeyId, Integer status) {
    }

    /** Records a request as it arrives; @return the row to complete */
    long received(Instant at, String method, String path, String query) {
        return jdbc.sql("""
                        insert into access_log (received_at, service, method, path, query)
                        values (:at, :service, :method, :path, :query) returning id""")
                .param("at", Timestamp.from(at))
                .param("service", service)
                .param("method", method)
                .param("path", cut(path, 2048))
                .param("query", cut(query, 8192))
                .query(Long.class)
                .single();
    }

    /** Completes a row with who asked (unknown when authentication failed) and the answer's status. */
    void answered(long id, String accountId, String username, String roles, String apiKeyId, int status) {
        jdbc.sql("""
                        update access_log set account_id = :account, username = :username, roles = :roles,
                               api_key_id = :apiKey, status = :status
                         where id = :id""")
                .param("id", id)
                .param("account", accountId)
                .param("username", username)
                .param("roles", roles)
                .param("apiKey", apiKeyId)
                .param("status", status)
                .update();
    }

    /**
     * Entries newest first, strictly before {@code beforeId} when given.
     *
     * @param accountId only this caller's requests, when given
     * @param from      received at or after, when given
     * @param to        received before, when given
     */
    public List<Entry> entries(String accountId, Instant from, Instant to, Long beforeId, int limit) {
        return jdbc.sql("""
                        select * from access_log
                         where (cast(:account as varchar) is null or account_id = :account)
                           and (cast(:from as timestamptz) is null or received_at >= :from)
                           and (cast(:to as timestamptz) is null or received_at < :to)
                           and (cast(:before as bigint) is null or id < :before)
                         order by id desc
                         limit :limit""")
                .param("account", accountId)
                .param("from", from == null ? null : Timestamp.from(from))
                .param("to", to == null ? null : Timestamp.from(to))
                .param("before", beforeId)
                .param("limit", limit)
                .query(AuditAccessLog::entry)
                .list();
    }

    private static Entry entry(ResultSet row, int number) throws SQLException {
        String roles = row.getString("roles");
        return new Entry(row.getLong("id"), row.getTimestamp("received_at").toInstant(), row.getString("service"),
                row.getString("method"), row.getString("path"), row.getString("query"), row.getString("account_id"),
                row.getString("username"), roles == null || roles.isEmpty() ? List.of() : List.of(roles.split(",")),
                row.getString("api_key_id"), (Integer) row.getObject("status"));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public void close() {
        pool.close();
    }
}
