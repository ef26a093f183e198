package org.exchange.api.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies one deposit; repeating a deposit with the same id credits it only once. */
public record DepositId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public DepositId {
        Objects.requireNonNull(value, "deposit id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("deposit id must be 1-64 characters of [A-Za-z0-9._:-]");
        }
    }

    public static DepositId random() {
        return new DepositId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static DepositId of(String value) {
        return new DepositId(value);
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
