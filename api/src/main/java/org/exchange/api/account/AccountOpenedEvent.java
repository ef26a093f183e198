package org.exchange.api.account;

import org.axonframework.serialization.Revision;

/** A wallet came into existence for the identity provider's user {@code accountId}, known as {@code owner}. */
@Revision("1")
public record AccountOpenedEvent(AccountId accountId, String owner) {
}
