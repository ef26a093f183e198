package org.exchange.query.balance;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.io.Serializable;
import java.math.BigDecimal;

/** A row of the {@code balances} read model, which the projections service owns and writes. */
@Entity
@Immutable
@Table(name = "balances")
public class BalanceRow {

    @EmbeddedId
    private Key key;
    private BigDecimal available;
    private BigDecimal held;
    @Column(name = "last_sequence")
    private long lastSequence;

    protected BalanceRow() {
    }

    public String asset() {
        return key.asset;
    }

    public BigDecimal available() {
        return available;
    }

    public BigDecimal held() {
        return held;
    }

    @Embeddable
    record Key(@Column(name = "account_id") String accountId, String asset) implements Serializable {
    }
}
