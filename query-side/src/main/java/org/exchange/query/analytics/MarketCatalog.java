package org.exchange.query.analytics;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.MarketId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/** Which markets exist (the {@code markets} read model), and the price scale of each. */
@Component
class MarketCatalog {

    private final JdbcClient jdbc;

    MarketCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The number of decimals of the market's tick size.
     *
     * @throws ExchangeException {@code UNKNOWN_MARKET} for a malformed or unlisted market
     */
    int priceScale(String market) {
        String id = MarketId.of(market).value();
        BigDecimal tick = jdbc.sql("select tick_size from markets where market_id = :market")
                .param("market", id)
                .query(BigDecimal.class)
                .optional()
                .orElseThrow(() -> new ExchangeException(ErrorCode.UNKNOWN_MARKET, "no market " + market));
        return Math.max(0, tick.stripTrailingZeros().scale());
    }
}
