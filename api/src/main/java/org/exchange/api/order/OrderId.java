package org.exchange.api.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Identifiers;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Identifies an order. Also names the hold an order places on its account's funds. */
public record OrderId(String value) {

    public OrderId {
        Identifiers.requireValid("order id", value);
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID().toString());
    }

    /**
     * The id of a trader's order: the same account and client order id always give the same id (a
     * name-based UUID, version 3, of {@code <account>/<clientOrderId>} in UTF-8), so a retried request
     * reaches the order it already created; without a client order id, a random one.
     */
    public static OrderId forClient(AccountId account, String clientOrderId) {
        if (clientOrderId == null) {
            return random();
        }
        byte[] name = (account.value() + "/" + clientOrderId).getBytes(StandardCharsets.UTF_8);
        return new OrderId(UUID.nameUUIDFromBytes(name).toString());
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
