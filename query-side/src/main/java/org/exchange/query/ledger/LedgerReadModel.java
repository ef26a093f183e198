package org.exchange.query.ledger;

import org.exchange.query.page.PageCursor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.exchange.query.readmodel.Columns.instant;
import static org.exchange.query.readmodel.Columns.plain;

/** Reads one account's postings ({@code ledger_postings}) and deposits ({@code deposits}), newest first. */
@Repository
class LedgerReadModel {

    private final JdbcClient jdbc;

    LedgerReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param amount       signed: credits positive, debits negative
     * @param balanceAfter the bucket's balance after this posting
     */
    record EntryView(String postingId, String kind, String reference, String asset, String bucket, String amount,
                     String balanceAfter, String at) {
    }

    record DepositView(String depositId, String asset, String amount, String creditedAt) {
    }

    record Row<T>(T view, PageCursor cursor) {
    }

    /** @param asset {@code null} for every asset */
    List<Row<EntryView>> statement(String accountId, String asset, PageCursor cursor, int rows) {
        List<String> where = new ArrayList<>(List.of("account_id = :account"));
        if (asset != null) {
            where.add("asset = :asset");
        }
        if (cursor != null) {
            where.add("(occurred_at, posting_id) < (:cursorAt, :cursorId)");
        }
        JdbcClient.StatementSpec query = jdbc.sql("""
                        select posting_id, kind, reference, asset, bucket, amount, balance_after, occurred_at
                          from ledger_postings where %s
                         order by occurred_at desc, posting_id desc limit :rows""".formatted(String.join(" and ", where)))
                .param("account", accountId)
                .param("rows", rows);
        if (asset != null) {
            query = query.param("asset", asset);
        }
        query = after(query, cursor);
        return query.query((result, index) -> {
            Instant at = instant(result, "occurred_at");
            EntryView view = new EntryView(result.getString("posting_id"), result.getString("kind"),
                    result.getString("reference"), result.getString("asset"), result.getString("bucket"),
                    plain(result, "amount"), plain(result, "balance_after"), at.toString());
            return new Row<>(view, PageCursor.after(at, view.postingId()));
        }).list();
    }

    List<Row<DepositView>> deposits(String accountId, PageCursor cursor, int rows) {
        JdbcClient.StatementSpec query = jdbc.sql("""
                        select deposit_id, asset, amount, credited_at from deposits
                         where account_id = :account %s
                         order by credited_at desc, deposit_id desc limit :rows""".formatted(
                        cursor == null ? "" : "and (credited_at, deposit_id) < (:cursorAt, :cursorId)"))
                .param("account", accountId)
                .param("rows", rows);
        query = after(query, cursor);
        return query.query((result, index) -> {
            Instant at = instant(result, "credited_at");
            DepositView view = new DepositView(result.getString("deposit_id"), result.getString("asset"),
                    plain(result, "amount"), at.toString());
            return new Row<>(view, PageCursor.after(at, view.depositId()));
        }).list();
    }

    private static JdbcClient.StatementSpec after(JdbcClient.StatementSpec query, PageCursor cursor) {
        if (cursor == null) {
            return query;
        }
        return query.param("cursorAt", cursor.at().atOffset(ZoneOffset.UTC)).param("cursorId", cursor.id());
    }
}
