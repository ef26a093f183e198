package org.exchange.command.market;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.HaltMarketCommand;
import org.exchange.api.market.MarketHaltedEvent;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.MarketResumedEvent;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.OpenMarketCommand;
import org.exchange.api.market.ResumeMarketCommand;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A market: its trading rules and whether it accepts orders. It will own the order book (the
 * plain-Java engine in {@code market.engine}) once orders arrive (issue 3).
 */
@Aggregate
public class Market {

    @AggregateIdentifier
    private MarketId marketId;
    private MarketSpec spec;
    private boolean halted;

    protected Market() {
        // for Axon: rebuilt from events
    }

    /** @return the market's status after the command: {@code TRADING}, or {@code HALTED} for a retry on a halted market */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(OpenMarketCommand command) {
        if (marketId != null) {
            sameRulesAsListed(command.spec());
            return halted ? "HALTED" : "TRADING";
        }
        apply(new MarketOpenedEvent(command.marketId(), command.spec()));
        return "TRADING";
    }

    @CommandHandler
    public void handle(HaltMarketCommand command) {
        if (halted) {
            throw new ExchangeException(ErrorCode.ALREADY_IN_STATE, "market " + marketId + " is already halted");
        }
        apply(new MarketHaltedEvent(marketId, command.reason()));
    }

    @CommandHandler
    public void handle(ResumeMarketCommand command) {
        if (!halted) {
            throw new ExchangeException(ErrorCode.ALREADY_IN_STATE, "market " + marketId + " is not halted");
        }
        apply(new MarketResumedEvent(marketId));
    }

    /** Opening twice with the same rules is a retry; with other rules it is a mistake. */
    private void sameRulesAsListed(MarketSpec requested) {
        if (!equalRules(spec, requested)) {
            throw new ExchangeException(ErrorCode.MARKET_ALREADY_OPEN,
                    "market " + marketId + " is already open with other rules");
        }
    }

    private static boolean equalRules(MarketSpec a, MarketSpec b) {
        return a.base().equals(b.base()) && a.quote().equals(b.quote())
                && a.tickSize().compareTo(b.tickSize()) == 0 && a.stepSize().compareTo(b.stepSize()) == 0
                && a.minQuantity().compareTo(b.minQuantity()) == 0 && a.maxQuantity().compareTo(b.maxQuantity()) == 0
                && a.minNotional().compareTo(b.minNotional()) == 0
                && a.makerFeeRate().compareTo(b.makerFeeRate()) == 0 && a.takerFeeRate().compareTo(b.takerFeeRate()) == 0;
    }

    @EventSourcingHandler
    void on(MarketOpenedEvent event) {
        marketId = event.marketId();
        spec = event.spec();
    }

    @EventSourcingHandler
    void on(MarketHaltedEvent event) {
        halted = true;
    }

    @EventSourcingHandler
    void on(MarketResumedEvent event) {
        halted = false;
    }
}
