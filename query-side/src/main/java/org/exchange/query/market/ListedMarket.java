package org.exchange.query.market;

import org.exchange.api.market.MarketId;

import java.math.BigDecimal;

/**
 * A market the markets read model lists, with its trading rules, for every API that shows markets.
 *
 * @param market  the market id, {@code BTC-USDT}
 * @param trading {@code false} while the market is halted
 */
public record ListedMarket(String market, String baseAsset, String quoteAsset, boolean trading, BigDecimal tickSize,
                           BigDecimal stepSize, BigDecimal minQuantity, BigDecimal maxQuantity, BigDecimal minNotional,
                           BigDecimal makerFeeRate, BigDecimal takerFeeRate) {

    /** The Binance-style symbol, {@code BTCUSDT}. */
    public String symbol() {
        return MarketId.of(market).symbol();
    }
}
