package org.exchange.api.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.exchange.api.common.Identifiers;

import java.util.UUID;

/** Identifies an order. Also names the hold an order places on its account's funds. */
public record OrderId(String value) {

    public OrderId {
        Identifiers.requireValid("order id", value);
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
