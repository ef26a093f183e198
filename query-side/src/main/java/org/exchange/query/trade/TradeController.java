package org.exchange.query.trade;

import org.exchange.query.position.ReflectsProjection;
import org.exchange.api.market.MarketId;
import org.exchange.query.page.Page;
import org.exchange.query.page.PageCursor;
import org.exchange.query.trade.TradeReadModel.TradeRow;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.exchange.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** A trader's own settled trades, as buyer or seller. The account is the token's subject. */
@RestController
@ReflectsProjection("trades")
@PreAuthorize("hasRole('trader')")
class TradeController {

    private final TradeReadModel trades;

    TradeController(TradeReadModel trades) {
        this.trades = trades;
    }

    record TradesView(List<TradeView> trades, String nextCursor) {
    }

    /** @param market {@code BTC-USDT}; all markets when absent */
    @GetMapping("/api/v1/trades")
    TradesView trades(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String market,
                      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        int size = Page.limit(limit);
        List<TradeRow> rows = trades.list(caller.accountId(), market == null ? null : MarketId.of(market).value(),
                PageCursor.decode(cursor), size + 1);
        Page<TradeRow> page = Page.of(rows, size, TradeRow::cursor);
        return new TradesView(page.items().stream().map(TradeRow::view).toList(), page.nextCursor());
    }
}
