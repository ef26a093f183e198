package org.exchange.query.market;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.MarketId;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

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

    static ExchangeException unknown(String market) {
        return new ExchangeException(ErrorCode.UNKNOWN_MARKET, "no market " + market);
    }
}
