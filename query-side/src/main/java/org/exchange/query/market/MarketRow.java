package org.exchange.query.market;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.exchange.api.market.MarketId;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;

/** A row of the {@code markets} read model (owned by the projections service). */
@Entity
@Immutable
@Table(name = "markets")
class MarketRow {

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

    MarketController.MarketView view() {
        return new MarketController.MarketView(marketId, MarketId.of(marketId).symbol(), baseAsset, quoteAsset, status,
                plain(tickSize), plain(stepSize), plain(minQuantity), plain(maxQuantity), plain(minNotional),
                plain(makerFeeRate), plain(takerFeeRate));
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
