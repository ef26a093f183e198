package org.exchange.api.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies an order. Also names the hold an order places on its account's funds. */
public record OrderId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public OrderId {
        Objects.requireNonNull(value, "order id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("order id must be 1-64 characters of [A-Za-z0-9._:-]");
        }
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID().toString());
    }

    @JsonCreator
    public static OrderId of(String value) {
        return new OrderId(value);
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
