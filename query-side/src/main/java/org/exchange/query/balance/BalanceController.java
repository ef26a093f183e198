package org.exchange.query.balance;

import org.exchange.query.position.ReflectsProjection;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.exchange.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** A trader's own balances. The account is the token's subject: nobody can ask for another's. */
@RestController
@ReflectsProjection("balances")
class BalanceController {

    private final BalanceRepository balances;

    BalanceController(BalanceRepository balances) {
        this.balances = balances;
    }

    record BalanceView(String asset, String available, String held, String total) {
    }

    record BalancesView(String accountId, List<BalanceView> balances) {
    }

    @GetMapping("/api/v1/balances")
    @PreAuthorize("hasRole('trader')")
    BalancesView balances(@AuthenticationPrincipal Caller caller) {
        String accountId = caller.accountId();
        List<BalanceView> rows = balances.findByKeyAccountIdOrderByKeyAsset(accountId).stream()
                .map(row -> new BalanceView(row.asset(), row.available().toPlainString(), row.held().toPlainString(),
                        row.available().add(row.held()).toPlainString()))
                .toList();
        return new BalancesView(accountId, rows);
    }
}
