package org.exchange.query.ledger;

import org.exchange.api.common.Asset;
import org.exchange.query.ledger.LedgerReadModel.DepositView;
import org.exchange.query.ledger.LedgerReadModel.EntryView;
import org.exchange.query.ledger.LedgerReadModel.Row;
import org.exchange.query.page.Page;
import org.exchange.query.page.PageCursor;
import org.exchange.query.position.ReflectsProjection;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.exchange.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * A trader's statement: every movement of their money (deposits, holds, releases, trades) as
 * ledger postings, and their deposits. The account is the token's subject.
 */
@RestController
@PreAuthorize("hasRole('trader')")
@ReflectsProjection("ledger")
class LedgerController {

    private final LedgerReadModel ledger;

    LedgerController(LedgerReadModel ledger) {
        this.ledger = ledger;
    }

    record StatementView(List<EntryView> entries, String nextCursor) {
    }

    record DepositsView(List<DepositView> deposits, String nextCursor) {
    }

    /** @param asset {@code USDT}; every asset when absent */
    @GetMapping("/api/v1/ledger")
    StatementView statement(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String asset,
                            @RequestParam(required = false) Integer limit,
                            @RequestParam(required = false) String cursor) {
        int size = Page.limit(limit);
        List<Row<EntryView>> rows = ledger.statement(caller.accountId(), asset == null ? null : Asset.of(asset).code(),
                PageCursor.decode(cursor), size + 1);
        Page<Row<EntryView>> page = Page.of(rows, size, Row::cursor);
        return new StatementView(page.items().stream().map(Row::view).toList(), page.nextCursor());
    }

    @GetMapping("/api/v1/deposits")
    DepositsView deposits(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) String cursor) {
        int size = Page.limit(limit);
        List<Row<DepositView>> rows = ledger.deposits(caller.accountId(), PageCursor.decode(cursor), size + 1);
        Page<Row<DepositView>> page = Page.of(rows, size, Row::cursor);
        return new DepositsView(page.items().stream().map(Row::view).toList(), page.nextCursor());
    }
}
