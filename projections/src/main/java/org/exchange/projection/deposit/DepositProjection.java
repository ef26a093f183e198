package org.exchange.projection.deposit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.projection.sql.ReadModelWrites;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The {@code deposits} table: one row per credited deposit, keyed by its deposit id (a deposit is
 * credited once; a redelivered event inserts nothing). Withdrawals join it when they exist.
 */
@Component
@ProcessingGroup("ledger")
class DepositProjection {

    private final ReadModelWrites writes;

    DepositProjection(ReadModelWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(FundsDepositedEvent event, @Timestamp Instant at) {
        writes.sql("""
                        insert into deposits (deposit_id, account_id, asset, amount, credited_at)
                        values (:deposit, :account, :asset, :amount, :at)
                        on conflict (deposit_id) do nothing
                        """)
                .param("deposit", event.depositId().value())
                .param("account", event.accountId().value())
                .param("asset", event.asset().code())
                .param("amount", event.amount())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .forRow("deposits", event.depositId().value());
    }
}
