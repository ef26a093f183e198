package org.exchange.api.market;

import org.axonframework.serialization.Revision;

/** The market stopped accepting orders; its book is kept as it was. */
@Revision("1")
public record MarketHaltedEvent(MarketId marketId, String reason) {
}
