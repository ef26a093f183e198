package org.exchange.query.market;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.MarketId;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Which markets exist: those the markets read model lists. */
@Component
public class Markets {

    private final MarketRepository markets;

    Markets(MarketRepository markets) {
        this.markets = markets;
    }

    /**
     * @return the market's id in its canonical form
     * @throws ExchangeException {@code UNKNOWN_MARKET} for a malformed or unlisted market
     */
    public String existing(String market) {
        String id = MarketId.of(market).value();
        if (!markets.existsById(id)) {
            throw unknown(market);
        }
        return id;
    }

    /**
     * The number of decimals of the market's tick size.
     *
     * @throws ExchangeException {@code UNKNOWN_MARKET} for a malformed or unlisted market
     */
    public int priceScale(String market) {
        BigDecimal tick = markets.findById(MarketId.of(market).value()).map(MarketRow::tickSize)
                .orElseThrow(() -> unknown(market));
        return Math.max(0, tick.stripTrailingZeros().scale());
    }

    /** Every listed market, by market id. */
    public List<ListedMarket> listed() {
        return markets.findAllByOrderByMarketId().stream().map(MarketRow::listed).toList();
    }

    /**
     * The listed market whose Binance-style symbol ({@code BTCUSDT}: base and quote without the
     * dash) is {@code symbol}; {@link MarketId#symbol()} is the other way. Two markets can share a
     * symbol ({@code AB-CDE} and {@code ABC-DE}): then the first by market id (docs/adr/0014).
     */
    public Optional<ListedMarket> bySymbol(String symbol) {
        return markets.findBySymbol(symbol).stream().findFirst().map(MarketRow::listed);
    }

    static ExchangeException unknown(String market) {
        return new ExchangeException(ErrorCode.UNKNOWN_MARKET, "no market " + market);
    }
}
