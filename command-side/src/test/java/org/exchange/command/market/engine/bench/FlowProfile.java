package org.exchange.command.market.engine.bench;

import org.exchange.command.market.engine.LimitOrderBook;
import org.exchange.command.market.engine.OrderType;

import java.util.Locale;

/**
 * What a flow asks of a book, so that a benchmark figure can be read against the work behind it:
 * the command mix and what one pass through the engine produces.
 *
 * @param originalCommands commands of the flow itself
 * @param commandsPerPass with the cancels appended so that a pass ends with an empty book
 */
public record FlowProfile(int originalCommands, int commandsPerPass, int peakRestingOrders, long cancels,
                          long[] placesByType, long trades, long selfTradeExpiries, long rejected,
                          long cancelsNotFound) {

    public static FlowProfile of(OrderFlow.ReplayableFlow replayable) {
        OrderFlow flow = replayable.flow();
        long cancels = 0;
        long[] placesByType = new long[OrderType.values().length];
        for (int i = 0; i < flow.size(); i++) {
            if (flow.isCancel(i)) {
                cancels++;
            } else {
                placesByType[flow.type(i).ordinal()]++;
            }
        }
        CountingListener outcomes = new CountingListener();
        flow.replay(new LimitOrderBook(outcomes, Math.max(1_024, replayable.peakRestingOrders()), 4_096));
        return new FlowProfile(replayable.originalCommands(), flow.size(), replayable.peakRestingOrders(), cancels,
                placesByType, outcomes.trades, outcomes.selfTradeExpiries, outcomes.rejected,
                outcomes.cancelsRejected);
    }

    public double share(long count) {
        return (double) count / commandsPerPass;
    }

    public String describe() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%,d commands per pass (%,d + %,d cancels emptying the book); cancels %.1f%%",
                commandsPerPass, originalCommands, commandsPerPass - originalCommands, 100 * share(cancels)));
        for (OrderType type : OrderType.values()) {
            if (placesByType[type.ordinal()] > 0) {
                out.append(String.format(Locale.ROOT, ", %s %.1f%%", type, 100 * share(placesByType[type.ordinal()])));
            }
        }
        out.append(String.format(Locale.ROOT, "; %.3f trades/command, %,d self-trade expiries, %,d rejections, "
                        + "%,d cancels of gone orders, peak %,d resting orders", share(trades), selfTradeExpiries,
                rejected, cancelsNotFound, peakRestingOrders));
        return out.toString();
    }

    public String json() {
        StringBuilder types = new StringBuilder();
        for (OrderType type : OrderType.values()) {
            types.append(types.isEmpty() ? "" : ", ").append('"').append(type).append("\": ")
                    .append(placesByType[type.ordinal()]);
        }
        return "{\"originalCommands\": " + originalCommands + ", \"commandsPerPass\": " + commandsPerPass
                + ", \"cancels\": " + cancels + ", \"placesByType\": {" + types + "}, \"trades\": " + trades
                + ", \"selfTradeExpiries\": " + selfTradeExpiries + ", \"rejected\": " + rejected
                + ", \"cancelsOfGoneOrders\": " + cancelsNotFound + ", \"peakRestingOrders\": " + peakRestingOrders
                + "}";
    }
}
