package org.exchange.query.binance;

import org.exchange.api.market.MarketId;
import org.exchange.platform.binance.BinanceDecimals;
import org.exchange.query.market.ListedMarket;

import java.math.BigDecimal;

/**
 * How one market's numbers are written on the Binance-compatible API: prices and quote amounts with
 * the quote asset's decimals, quantities with the base asset's (see {@link BinanceDecimals}).
 */
record Formats(int baseScale, int quoteScale) {

    static Formats of(ListedMarket market, AssetPrecisions precisions) {
        return new Formats(precisions.of(market.baseAsset()), precisions.of(market.quoteAsset()));
    }

    static Formats of(MarketId market, AssetPrecisions precisions) {
        return new Formats(precisions.of(market.base().code()), precisions.of(market.quote().code()));
    }

    String price(BigDecimal price) {
        return BinanceDecimals.of(price, quoteScale);
    }

    String quote(BigDecimal amount) {
        return BinanceDecimals.of(amount, quoteScale);
    }

    String quantity(BigDecimal quantity) {
        return BinanceDecimals.of(quantity, baseScale);
    }
}
