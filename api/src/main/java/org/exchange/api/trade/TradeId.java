package org.exchange.api.trade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.exchange.api.common.Identifiers;
import org.exchange.api.market.MarketId;

/** Identifies a trade: {@code <market>-<sequence>}, deterministic, so a repeated settlement is recognised. */
public record TradeId(String value) {

    public TradeId {
        Identifiers.requireValid("trade id", value);
    }

    public static TradeId of(MarketId market, long sequence) {
        return new TradeId(market.value() + "-" + sequence);
    }

    @JsonCreator
    public static TradeId of(String value) {
        return new TradeId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
