package org.exchange.projection.balance;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.common.Asset;
import org.exchange.projection.sql.ReadModelWrites;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The {@code balances} table: one row per account and asset, available and held. Each event carries
 * the balance after it, so a row is simply overwritten by any event newer than the one that wrote
 * it; an older or repeated event changes nothing. Some events know only one side of a balance (a
 * deposit or a credit: available; a settlement's debit: held); the other side is left as it is, or
 * zero for an asset the account never held.
 */
@Component
@ProcessingGroup(BalanceProjection.PROCESSING_GROUP)
class BalanceProjection {

    static final String PROCESSING_GROUP = "balances";

    private final ReadModelWrites writes;

    BalanceProjection(ReadModelWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(FundsDepositedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(event.accountId(), event.asset(), event.availableAfter(), null, sequence, at);
    }

    @EventHandler
    void on(FundsReservedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(event.accountId(), event.asset(), event.availableAfter(), event.heldAfter(), sequence, at);
    }

    @EventHandler
    void on(FundsReleasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(event.accountId(), event.asset(), event.availableAfter(), event.heldAfter(), sequence, at);
    }

    /** The debit leaves the order's hold; the credit arrives as available. One event, two rows. */
    @EventHandler
    void on(TradeSettledOnAccountEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(event.accountId(), event.debitAsset(), null, event.debitHeldAfter(), sequence, at);
        upsert(event.accountId(), event.creditAsset(), event.creditAvailableAfter(), null, sequence, at);
    }

    @EventHandler
    void on(FeeCollectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        upsert(event.accountId(), event.asset(), event.availableAfter(), null, sequence, at);
    }

    /**
     * Writes the sides of a balance an event knows; {@code null} leaves a side as it is (zero, at the
     * other side's scale, for a new row).
     */
    private void upsert(AccountId account, Asset asset, BigDecimal available, BigDecimal held, long sequence,
                        Instant at) {
        BigDecimal zero = BigDecimal.ZERO.setScale((available == null ? held : available).scale());
        writes.sql("""
                        insert into balances (account_id, asset, available, held, last_sequence, updated_at)
                        values (:account, :asset, coalesce(:available, :zero), coalesce(:held, :zero), :sequence, :at)
                        on conflict (account_id, asset) do update
                           set available = coalesce(:available, balances.available),
                               held = coalesce(:held, balances.held),
                               last_sequence = excluded.last_sequence,
                               updated_at = excluded.updated_at
                         where balances.last_sequence < excluded.last_sequence
                        """)
                .param("account", account.value())
                .param("asset", asset.code())
                .param("available", available, Types.NUMERIC)
                .param("held", held, Types.NUMERIC)
                .param("zero", zero)
                .param("sequence", sequence)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .forRow("balances", account.value(), asset.code());
    }
}
