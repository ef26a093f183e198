package org.exchange.api.market;

import org.axonframework.serialization.Revision;

/** The market accepts orders again. */
@Revision("1")
public record MarketResumedEvent(MarketId marketId) {
}
