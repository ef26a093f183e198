package org.exchange.command.market;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.MarketSpec;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of listed markets, for validating orders before they hold funds. A market's rules are
 * fixed when it opens, so each is read once from its first event and kept; whether it is halted is
 * decided by the {@link Market} itself when an order arrives.
 */
@Component
public class MarketDirectory {

    private final EventStore eventStore;
    private final Map<MarketId, MarketSpec> specs = new ConcurrentHashMap<>();

    MarketDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The market's rules; {@code UNKNOWN_MARKET} when it was never opened. */
    public MarketSpec spec(MarketId market) {
        MarketSpec known = specs.get(market);
        if (known != null) {
            return known;
        }
        MarketSpec opened = readOpening(market);
        specs.put(market, opened);
        return opened;
    }

    private MarketSpec readOpening(MarketId market) {
        DomainEventStream events = eventStore.readEvents(market.value(), 0);
        if (events.hasNext()) {
            DomainEventMessage<?> first = events.next();
            if (first.getPayload() instanceof MarketOpenedEvent opened) {
                return opened.spec();
            }
        }
        throw new ExchangeException(ErrorCode.UNKNOWN_MARKET, "no market " + market + " is listed");
    }
}
