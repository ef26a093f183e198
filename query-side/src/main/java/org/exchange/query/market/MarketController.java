package org.exchange.query.market;

import org.exchange.api.market.MarketId;
import org.exchange.query.position.ReflectsProjection;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Public market list with each market's trading rules (filters). */
@RestController
@ReflectsProjection("markets")
class MarketController {

    private final MarketRepository markets;

    MarketController(MarketRepository markets) {
        this.markets = markets;
    }

    /**
     * @param symbol the Binance-style symbol ({@code BTCUSDT})
     * @param status {@code TRADING} or {@code HALTED}
     */
    record MarketView(String market, String symbol, String baseAsset, String quoteAsset, String status,
                      String tickSize, String stepSize, String minQuantity, String maxQuantity, String minNotional,
                      String makerFeeRate, String takerFeeRate) {

        static MarketView of(MarketRow row) {
            ListedMarket market = row.listed();
            return new MarketView(market.market(), market.symbol(), market.baseAsset(), market.quoteAsset(), row.status(),
                    market.tickSize().toPlainString(), market.stepSize().toPlainString(),
                    market.minQuantity().toPlainString(), market.maxQuantity().toPlainString(),
                    market.minNotional().toPlainString(), market.makerFeeRate().toPlainString(),
                    market.takerFeeRate().toPlainString());
        }
    }

    record MarketsView(List<MarketView> markets) {
    }

    @GetMapping("/api/v1/markets")
    MarketsView markets() {
        return new MarketsView(markets.findAllByOrderByMarketId().stream().map(MarketView::of).toList());
    }

    @GetMapping("/api/v1/markets/{market}")
    MarketView market(@PathVariable String market) {
        String id = MarketId.of(market).value();
        return markets.findById(id).map(MarketView::of)
                .orElseThrow(() -> Markets.unknown(market));
    }
}
