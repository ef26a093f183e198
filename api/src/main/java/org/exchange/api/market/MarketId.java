package org.exchange.api.market;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;

import java.util.Objects;
import java.util.regex.Pattern;

/** A market such as {@code BTC-USDT}: base asset, a dash, quote asset. */
public record MarketId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{2,12}-[A-Z0-9]{2,12}");

    public MarketId {
        Objects.requireNonNull(value, "market id");
        if (!FORMAT.matcher(value).matches()) {
            throw new ExchangeException(ErrorCode.UNKNOWN_MARKET, "market must look like BTC-USDT");
        }
    }

    @JsonCreator
    public static MarketId of(String value) {
        return new MarketId(value);
    }

    public static MarketId of(Asset base, Asset quote) {
        return new MarketId(base.code() + "-" + quote.code());
    }

    public Asset base() {
        return Asset.of(value.substring(0, value.indexOf('-')));
    }

    public Asset quote() {
        return Asset.of(value.substring(value.indexOf('-') + 1));
    }

    /** The Binance-style symbol, {@code BTCUSDT}. */
    public String symbol() {
        return value.replace("-", "");
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
