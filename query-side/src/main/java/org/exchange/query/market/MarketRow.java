package org.exchange.query.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;

/** A row of the {@code markets} read model (owned by the projections service). */
@Entity
@Immutable
@Table(name = "markets")
class MarketRow {

    static final String TRADING = "TRADING";

    @Id
    @Column(name = "market_id")
    private String marketId;
    @Column(name = "base_asset")
    private String baseAsset;
    @Column(name = "quote_asset")
    private String quoteAsset;
    private BigDecimal tickSize;
    private BigDecimal stepSize;
    private BigDecimal minQuantity;
    private BigDecimal maxQuantity;
    private BigDecimal minNotional;
    private BigDecimal makerFeeRate;
    private BigDecimal takerFeeRate;
    private String status;

    protected MarketRow() {
    }

    BigDecimal tickSize() {
        return tickSize;
    }

    /** {@code TRADING} or {@code HALTED}. */
    String status() {
        return status;
    }

    ListedMarket listed() {
        return new ListedMarket(marketId, baseAsset, quoteAsset, TRADING.equals(status), tickSize, stepSize, minQuantity,
                maxQuantity, minNotional, makerFeeRate, takerFeeRate);
    }
}
