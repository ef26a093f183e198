package org.exchange.query.stream;

import java.util.Optional;

/** Which markets exist, for checking a market data subscription. */
public interface MarketDirectory {

    boolean exists(String market);

    /**
     * The market whose Binance symbol ({@code BTCUSDT}, the market id without its dash) this is; when
     * two markets share a symbol ({@code AB-CDE}, {@code ABC-DE}), the first by market id, as on the
     * Binance-compatible REST API.
     */
    Optional<String> bySymbol(String symbol);
}
