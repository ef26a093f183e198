package org.exchange.api.market;

import org.axonframework.serialization.Revision;

/** A market was listed with these trading rules and is open for orders. */
@Revision("1")
public record MarketOpenedEvent(MarketId marketId, MarketSpec spec) {
}
