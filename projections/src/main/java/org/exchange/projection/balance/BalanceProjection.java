package org.exchange.projection.balance;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The {@code balances} table: one row per account and asset, available and held. Each event carries
 * the balance after it, so a row is simply overwritten by any event newer than the one that wrote
 * it; an older or repeated event changes nothing. (A deposit knows only the available side.)
 */
@Component
@ProcessingGroup(BalanceProjection.PROCESSING_GROUP)
class BalanceProjection {

    static final String PROCESSING_GROUP = "balances";

    private final JdbcClient jdbc;

    BalanceProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FundsDepositedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.sql("""
                        insert into balances (account_id, asset, available, held, last_sequence, updated_at)
                        values (:account, :asset, :available, :held, :sequence, :at)
                        on conflict (account_id, asset) do update
                           set available = excluded.available,
                               last_sequence = excluded.last_sequence,
                               updated_at = excluded.updated_at
                         where balances.last_sequence < excluded.last_sequence
                        """)
                .param("account", event.accountId().value())
                .param("asset", event.asset().code())
                .param("available", event.availableAfter())
                .param("held", BigDecimal.ZERO.setScale(event.availableAfter().scale()))
                .param("sequence", sequence)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    @EventHandler
    void on(FundsReservedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        both(event.accountId().value(), event.asset().code(), event.availableAfter(), event.heldAfter(), sequence, at);
    }

    @EventHandler
    void on(FundsReleasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        both(event.accountId().value(), event.asset().code(), event.availableAfter(), event.heldAfter(), sequence, at);
    }

    /** For events that know both sides of the balance after them. */
    private void both(String account, String asset, BigDecimal available, BigDecimal held, long sequence, Instant at) {
        jdbc.sql("""
                        insert into balances (account_id, asset, available, held, last_sequence, updated_at)
                        values (:account, :asset, :available, :held, :sequence, :at)
                        on conflict (account_id, asset) do update
                           set available = excluded.available,
                               held = excluded.held,
                               last_sequence = excluded.last_sequence,
                               updated_at = excluded.updated_at
                         where balances.last_sequence < excluded.last_sequence
                        """)
                .param("account", account)
                .param("asset", asset)
                .param("available", available)
                .param("held", held)
                .param("sequence", sequence)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }
}
