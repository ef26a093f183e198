package org.exchange.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/** An asset symbol such as {@code BTC} or {@code USDT}: 2 to 12 upper-case letters or digits. */
public record Asset(String code) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{2,12}");

    public Asset {
        Objects.requireNonNull(code, "asset code");
        if (!FORMAT.matcher(code).matches()) {
            throw new ExchangeException(ErrorCode.UNKNOWN_ASSET, "asset must be 2-12 upper-case letters or digits");
        }
    }

    @JsonCreator
    public static Asset of(String code) {
        return new Asset(code);
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
