package org.exchange.command.market;

import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.market.CancelAccountOrdersCommand;
import org.exchange.api.market.CancelOrderInBookCommand;
import org.exchange.api.market.HaltMarketCommand;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.OpenMarketCommand;
import org.exchange.api.market.OrderFilters;
import org.exchange.api.market.ResumeMarketCommand;
import org.exchange.api.market.SubmitOrderCommand;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.TimeInForce;
import org.exchange.command.account.AssetCatalog;
import org.exchange.command.market.engine.Side;
import org.exchange.command.market.engine.bench.OrderFlow;
import org.exchange.command.market.engine.bench.OrderFlowGenerator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The engine benchmark's standard order flow ({@link OrderFlowGenerator}) as commands to a
 * {@link Market}: its places and cancels, plus, drawn from a seed of its own, stop orders (limit and
 * market) around the last price, cancels of all of an account's orders, and halts with resumes, so
 * that a market driven by it holds every kind of state a snapshot must carry.
 */
final class MarketFlow {

    static final MarketId MARKET = MarketId.of(OrderFlowGenerator.MARKET);
    /** Tick 0.01 USDT, lot 0.00001 BTC, as the flow is scaled. */
    static final MarketSpec RULES = new MarketSpec(Asset.of("BTC"), Asset.of("USDT"),
            new BigDecimal(OrderFlowGenerator.TICK_SIZE), new BigDecimal(OrderFlowGenerator.LOT_SIZE),
            new BigDecimal(OrderFlowGenerator.LOT_SIZE), new BigDecimal("100000"), BigDecimal.ZERO,
            new BigDecimal("0.001"), new BigDecimal("0.002"));
    static final OpenMarketCommand OPEN = new OpenMarketCommand(MARKET, RULES);
    /** Every buy holds this much quote: more than any order of the flow can cost. */
    private static final BigDecimal HOLD = new BigDecimal("100000000000");

    private MarketFlow() {
    }

    static AssetCatalog assets() {
        return new AssetCatalog(List.of(new AssetCatalog.Listing("BTC", 8), new AssetCatalog.Listing("USDT", 8)));
    }

    /**
     * The first {@code count} commands (after opening the market) of the standard flow of {@code seed},
     * each submission placed at {@code placedAt} (the market refuses submissions older than 8 s).
     */
    static List<Object> commands(long seed, int count, Instant placedAt) {
        OrderFlow flow = OrderFlowGenerator.standardFlow(seed, count);
        SplittableRandom extras = new SplittableRandom(seed * 31 + 7);
        List<Object> commands = new ArrayList<>(count + count / 20);
        long lastPrice = OrderFlowGenerator.START_MID_TICKS;
        boolean halted = false;
        for (int i = 0; i < flow.size(); i++) {
            String account = account(flow.accountId(i));
            if (flow.isCancel(i)) {
                commands.add(new CancelOrderInBookCommand(MARKET, orderId(flow.orderId(i))));
                continue;
            }
            if (flow.price(i) > 0) {
                lastPrice = flow.price(i);
            }
            int dice = extras.nextInt(1000);
            if (dice < 3) {
                commands.add(halted ? new ResumeMarketCommand(MARKET) : new HaltMarketCommand(MARKET, "drill"));
                halted = !halted;
            } else if (dice < 5) {
                commands.add(new CancelAccountOrdersCommand(MARKET, AccountId.of(account)));
            }
            OrderTerms terms = dice < 25 ? stop(flow, i, lastPrice, extras) : terms(flow, i);
            commands.add(new SubmitOrderCommand(MARKET, orderId(flow.orderId(i)), AccountId.of(account), terms,
                    terms.side() == OrderSide.BUY ? HOLD : null, placedAt));
        }
        if (halted) {
            commands.add(new ResumeMarketCommand(MARKET));
        }
        return commands;
    }

    /**
     * The same commands spread over time: the {@code k}-th placed at {@code start + k × pace} (only
     * submissions carry the time; {@link MarketReplica#handleWhenPlaced} runs each at it), as a market
     * taking {@code 1 / pace} commands a second would have seen them.
     */
    static List<Object> paced(List<Object> commands, Instant start, Duration pace) {
        List<Object> paced = new ArrayList<>(commands.size());
        for (int k = 0; k < commands.size(); k++) {
            paced.add(commands.get(k) instanceof SubmitOrderCommand s
                    ? new SubmitOrderCommand(s.marketId(), s.orderId(), s.accountId(), s.terms(), s.quoteHold(),
                    start.plus(pace.multipliedBy(k)))
                    : commands.get(k));
        }
        return paced;
    }

    static OrderId orderId(long flowOrderId) {
        return OrderId.of("flow-" + flowOrderId);
    }

    static String account(long flowAccountId) {
        return "trader-" + flowAccountId;
    }

    private static OrderTerms terms(OrderFlow flow, int i) {
        OrderSide side = flow.side(i) == Side.BUY ? OrderSide.BUY : OrderSide.SELL;
        BigDecimal price = price(flow.price(i));
        BigDecimal quantity = quantity(flow.quantity(i));
        return switch (flow.type(i)) {
            case LIMIT_GTC -> limit(side, TimeInForce.GTC, price, quantity);
            case LIMIT_IOC -> limit(side, TimeInForce.IOC, price, quantity);
            case LIMIT_FOK -> limit(side, TimeInForce.FOK, price, quantity);
            case LIMIT_MAKER -> new OrderTerms(MARKET, side, OrderType.LIMIT_MAKER, null, price, quantity, null, null, null);
            case MARKET -> new OrderTerms(MARKET, side, OrderType.MARKET, null, null, quantity, null, null, null);
            case MARKET_BY_QUOTE -> throw new IllegalArgumentException("the standard flow has no quote-budget orders");
        };
    }

    /** A stop order a few ticks from the last price, so that the flow's trades trigger some of them. */
    private static OrderTerms stop(OrderFlow flow, int i, long lastPrice, SplittableRandom random) {
        OrderSide side = flow.side(i) == Side.BUY ? OrderSide.BUY : OrderSide.SELL;
        long offset = 1 + random.nextInt(200);
        BigDecimal stopPrice = price(side == OrderSide.BUY ? lastPrice + offset : lastPrice - offset);
        BigDecimal quantity = quantity(flow.quantity(i));
        if (random.nextBoolean()) {
            return new OrderTerms(MARKET, side, OrderType.STOP_MARKET, null, null, quantity, null, stopPrice, null);
        }
        return new OrderTerms(MARKET, side, OrderType.STOP_LIMIT, TimeInForce.GTC, stopPrice, quantity, null, stopPrice, null);
    }

    private static OrderTerms limit(OrderSide side, TimeInForce timeInForce, BigDecimal price, BigDecimal quantity) {
        return new OrderTerms(MARKET, side, OrderType.LIMIT, timeInForce, price, quantity, null, null, null);
    }

    private static BigDecimal price(long ticks) {
        return OrderFilters.price(RULES, ticks);
    }

    private static BigDecimal quantity(long lots) {
        return OrderFilters.quantity(RULES, lots);
    }
}
