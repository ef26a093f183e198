package org.exchange.api.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.exchange.api.common.Identifiers;

/**
 * Identifies a wallet. It is the identity provider's immutable user id (the token's {@code sub}),
 * never the user name, so that renaming a login cannot move money.
 */
public record AccountId(String value) {

    public AccountId {
        Identifiers.requireValid("account id", value);
    }

    @JsonCreator
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** Axon routes by {@code toString()} of the target identifier. */
    @Override
    public String toString() {
        return value;
    }
}
