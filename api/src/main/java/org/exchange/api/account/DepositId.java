package org.exchange.api.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.exchange.api.common.Identifiers;

import java.util.UUID;

/** Identifies one deposit; repeating a deposit with the same id credits it only once. */
public record DepositId(String value) {

    public DepositId {
        Identifiers.requireValid("deposit id", value);
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
