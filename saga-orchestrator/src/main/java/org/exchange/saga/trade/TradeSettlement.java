package org.exchange.saga.trade;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.trade.SettleTradeCommand;
import org.exchange.saga.dispatch.CommandDispatch;

/**
 * Settles every executed trade (ADR 0008): {@link TradeExecutedEvent} → {@link SettleTradeCommand},
 * waiting for the outcome. A failure is thrown, so the processor retries the trade until it is
 * settled; settlement is idempotent by trade id, so a retry never settles twice. A market's trades
 * are settled in the order the market executed them (see {@link TradeSettlementConfiguration}).
 */
@ProcessingGroup(TradeSettlement.PROCESSING_GROUP)
public class TradeSettlement {

    public static final String PROCESSING_GROUP = "trade-settlement";

    private final CommandGateway commands;

    public TradeSettlement(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    public void on(TradeExecutedEvent trade) {
        CommandDispatch.sendAndWait(commands, new SettleTradeCommand(trade.marketId(), trade));
    }
}
