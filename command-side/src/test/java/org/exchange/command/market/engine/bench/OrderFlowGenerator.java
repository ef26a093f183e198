package org.exchange.command.market.engine.bench;

import org.exchange.command.market.engine.ExpiryReason;
import org.exchange.command.market.engine.LimitOrderBook;
import org.exchange.command.market.engine.OrderBook;
import org.exchange.command.market.engine.OrderBookListener;
import org.exchange.command.market.engine.OrderType;
import org.exchange.command.market.engine.RejectReason;
import org.exchange.command.market.engine.SelfTradePrevention;
import org.exchange.command.market.engine.Side;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The standard order flow of the engine benchmark: one market, a fair price that walks randomly, and
 * traders sending limit orders whose distance from that price has a heavy (Pareto) tail, so the book
 * is dense at the touch and thin but deep behind it. Most limit orders rest (GTC, some post-only);
 * some cross the spread; IOC, FOK and market orders take liquidity. Resting orders are canceled at
 * a constant rate each, as on real venues where most orders end canceled, so the book settles at a
 * size where cancels and fills balance new resting orders. A few cancels name orders that have
 * already left (a cancel racing a fill). A handful of accounts trade, so self-trades happen.
 *
 * <p>The generator keeps a {@link LimitOrderBook} of its own to know which orders rest, so that
 * cancels aim at live orders. The same seed and mix always give the same flow.
 */
public final class OrderFlowGenerator {

    /** BTC-USDT at 50,000.00 with a tick of 0.01, as in the sample flow. */
    public static final long START_MID_TICKS = 5_000_000;
    public static final int ACCOUNTS = 20;
    public static final String MARKET = "BTC-USDT";
    public static final String TICK_SIZE = "0.01";
    public static final String LOT_SIZE = "0.00001";

    /**
     * Sets the cancel rate of each resting order: a book of {@link #TYPICAL_RESTING_ORDERS} would see
     * this share of cancels. With the standard mix the book settles near 13,000 orders and 46% cancels.
     */
    static final double CANCEL_SHARE_AT_TYPICAL_BOOK = 0.35;
    static final int TYPICAL_RESTING_ORDERS = 8_000;
    /** Share of cancels that name a random earlier order, which has mostly left the book already. */
    static final double STALE_CANCEL_SHARE = 0.05;
    /** Share of GTC and post-only orders priced through the fair price, towards the other side. */
    static final double CROSSING_RESTING_SHARE = 0.05;
    /** Share of IOC and FOK orders priced through the fair price; the others expire or fill by chance. */
    static final double CROSSING_TAKING_SHARE = 0.75;
    static final double MID_STEP_PROBABILITY = 0.02;
    /** Pareto index of the distance from the fair price: lower is heavier-tailed. */
    static final double DISTANCE_TAIL_INDEX = 1.2;
    static final int MAX_DISTANCE_TICKS = 20_000;
    /** Mean ticks through the fair price of a crossing order. */
    static final double CROSSING_MEAN_TICKS = 2.0;
    /** Scale of the (Pareto) quantity of orders meant to rest: makers quote bigger than takers take. */
    static final long MIN_RESTING_LOTS = 100;
    static final long MIN_TAKING_LOTS = 30;
    static final double QUANTITY_TAIL_INDEX = 1.5;
    static final long MAX_ORDER_LOTS = 100_000;

    /** Relative weights of new-order types, in percent of place commands. */
    public record Mix(int gtc, int ioc, int fok, int market, int postOnly) {
        /** The benchmark's standard flow. */
        public static final Mix STANDARD = new Mix(75, 6, 2, 3, 14);
        /** Only what flow format v1 can express: no post-only orders. */
        public static final Mix FLOW_FILE_V1 = new Mix(89, 6, 2, 3, 0);

        public Mix {
            if (gtc < 0 || ioc < 0 || fok < 0 || market < 0 || postOnly < 0
                    || gtc + ioc + fok + market + postOnly != 100) {
                throw new IllegalArgumentException("weights must be non-negative and add up to 100: " + this);
            }
        }

        /** The weight of an order type in percent; 0 for types the mix never sends. */
        public int percentOf(OrderType type) {
            return switch (type) {
                case LIMIT_GTC -> gtc;
                case LIMIT_IOC -> ioc;
                case LIMIT_FOK -> fok;
                case MARKET -> market;
                case LIMIT_MAKER -> postOnly;
                case MARKET_BY_QUOTE -> 0;
            };
        }
    }

    private final SplittableRandom random;
    private final Mix mix;
    private final int accounts;
    private final LiveOrders live = new LiveOrders();
    private final LimitOrderBook book = new LimitOrderBook(live);
    private long[] accountOfOrder = new long[1 << 16];
    private long mid = START_MID_TICKS;
    private long lastOrderId;

    public OrderFlowGenerator(long seed, Mix mix) {
        this(seed, mix, ACCOUNTS);
    }

    /**
     * The same flow over another number of accounts (1 to {@code accounts}): the system benchmark
     * spreads it over as many traders as it drives, since each account may hold only so many open
     * orders. Fewer self-trades happen with more accounts.
     */
    public OrderFlowGenerator(long seed, Mix mix, int accounts) {
        if (accounts < 1) {
            throw new IllegalArgumentException("at least one account: " + accounts);
        }
        this.random = new SplittableRandom(seed);
        this.mix = mix;
        this.accounts = accounts;
    }

    /** The standard flow of {@code commands} commands for a seed. */
    public static OrderFlow standardFlow(long seed, int commands) {
        return new OrderFlowGenerator(seed, Mix.STANDARD).generate(commands);
    }

    /**
     * Writes a flow file (v1) with the standard flow minus post-only orders:
     * {@code OrderFlowGenerator <file> [commands, default 1000000] [seed, default 1]}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: OrderFlowGenerator <file> [commands] [seed]");
            System.exit(2);
        }
        int commands = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Path file = Path.of(args[0]);
        new OrderFlowGenerator(seed, Mix.FLOW_FILE_V1).generate(commands).writeV1(file, MARKET, TICK_SIZE, LOT_SIZE);
        System.out.println("wrote " + commands + " commands (seed " + seed + ") to " + file);
    }

    /** Continues the flow by {@code commands} more commands. */
    public OrderFlow generate(int commands) {
        OrderFlow.Builder flow = new OrderFlow.Builder(commands);
        for (int i = 0; i < commands; i++) {
            walkMid();
            if (random.nextDouble() < cancelProbability()) {
                cancel(flow);
            } else {
                place(flow);
            }
        }
        return flow.build();
    }

    private void walkMid() {
        if (random.nextDouble() < MID_STEP_PROBABILITY) {
            mid += random.nextBoolean() ? 1 : -1;
        }
    }

    /** Each resting order has the same chance per command to be canceled: the more rest, the more cancels. */
    private double cancelProbability() {
        double atTypical = CANCEL_SHARE_AT_TYPICAL_BOOK / (1 - CANCEL_SHARE_AT_TYPICAL_BOOK);
        double odds = atTypical * live.size() / TYPICAL_RESTING_ORDERS;
        return odds / (1 + odds);
    }

    private void cancel(OrderFlow.Builder flow) {
        long orderId = random.nextDouble() < STALE_CANCEL_SHARE || live.size() == 0
                ? 1 + random.nextLong(lastOrderId)
                : live.get(random.nextInt(live.size()));
        flow.cancel(orderId, accountOfOrder[(int) orderId]);
        book.cancel(orderId);
    }

    private void place(OrderFlow.Builder flow) {
        OrderType type = nextType();
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        long price = switch (type) {
            case MARKET -> 0;
            case LIMIT_IOC, LIMIT_FOK -> limitPrice(side, CROSSING_TAKING_SHARE);
            default -> limitPrice(side, CROSSING_RESTING_SHARE);
        };
        long quantity = paretoInt(type == OrderType.LIMIT_GTC || type == OrderType.LIMIT_MAKER
                ? MIN_RESTING_LOTS : MIN_TAKING_LOTS, QUANTITY_TAIL_INDEX, MAX_ORDER_LOTS);
        long orderId = ++lastOrderId;
        long account = 1 + random.nextInt(accounts);
        rememberAccount(orderId, account);
        flow.place(orderId, account, side, type, price, quantity);
        book.place(orderId, account, side, type, price, quantity, 0, SelfTradePrevention.EXPIRE_TAKER);
    }

    private OrderType nextType() {
        int roll = random.nextInt(100);
        if ((roll -= mix.gtc()) < 0) {
            return OrderType.LIMIT_GTC;
        }
        if ((roll -= mix.ioc()) < 0) {
            return OrderType.LIMIT_IOC;
        }
        if ((roll -= mix.fok()) < 0) {
            return OrderType.LIMIT_FOK;
        }
        if ((roll -= mix.market()) < 0) {
            return OrderType.MARKET;
        }
        return OrderType.LIMIT_MAKER;
    }

    /**
     * With probability {@code crossingShare} an aggressive price a few ticks through the fair price;
     * otherwise a passive one at a heavy-tailed distance behind the fair price, or behind the best
     * opposite price when that lags the fair price, so that an order meant to rest does rest (makers
     * requote as the price moves rather than cross the book).
     */
    private long limitPrice(Side side, double crossingShare) {
        if (random.nextDouble() < crossingShare) {
            long through = 1 + (long) (-CROSSING_MEAN_TICKS * Math.log(1 - random.nextDouble()));
            return side == Side.BUY ? mid + through : Math.max(1, mid - through);
        }
        long behind = paretoInt(2, DISTANCE_TAIL_INDEX, MAX_DISTANCE_TICKS + 2) - 2;
        if (side == Side.BUY) {
            long bestAsk = book.bestAsk();
            long touch = bestAsk == OrderBook.NO_PRICE ? mid - 1 : Math.min(mid - 1, bestAsk - 1);
            return Math.max(1, touch - behind);
        }
        long bestBid = book.bestBid();
        long touch = bestBid == OrderBook.NO_PRICE ? mid + 1 : Math.max(mid + 1, bestBid + 1);
        return touch + behind;
    }

    /** A Pareto-distributed integer with scale {@code min} and the given tail index, capped at {@code max}. */
    private long paretoInt(long min, double tailIndex, long max) {
        double value = min * Math.pow(1 - random.nextDouble(), -1 / tailIndex);
        return value >= max ? max : (long) value;
    }

    private void rememberAccount(long orderId, long account) {
        if (orderId >= accountOfOrder.length) {
            accountOfOrder = Arrays.copyOf(accountOfOrder, accountOfOrder.length * 2);
        }
        accountOfOrder[(int) orderId] = account;
    }

    /** The ids of resting orders, for picking one at random and removing any in constant time. */
    private static final class LiveOrders implements OrderBookListener {
        private long[] ids = new long[1 << 12];
        /** Index into {@link #ids} by order id, or -1. */
        private int[] positionOf = new int[1 << 16];
        private int size;

        LiveOrders() {
            Arrays.fill(positionOf, -1);
        }

        int size() {
            return size;
        }

        long get(int index) {
            return ids[index];
        }

        private void add(long orderId) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            while (orderId >= positionOf.length) {
                int old = positionOf.length;
                positionOf = Arrays.copyOf(positionOf, old * 2);
                Arrays.fill(positionOf, old, positionOf.length, -1);
            }
            positionOf[(int) orderId] = size;
            ids[size++] = orderId;
        }

        private void remove(long orderId) {
            int position = orderId < positionOf.length ? positionOf[(int) orderId] : -1;
            if (position < 0) {
                return;
            }
            long last = ids[--size];
            ids[position] = last;
            positionOf[(int) last] = position;
            positionOf[(int) orderId] = -1;
        }

        @Override public void onAccepted(long orderId) { }
        @Override public void onRejected(long orderId, RejectReason reason) { }
        @Override public void onTrade(long makerOrderId, long takerOrderId, long makerAccountId, long takerAccountId,
                                      long priceTicks, long quantityLots, Side takerSide) { }
        @Override public void onFilled(long orderId) { remove(orderId); }
        @Override public void onRested(long orderId, long priceTicks, long remainingLots) { add(orderId); }
        @Override public void onExpired(long orderId, long remainingLots, long unspentQuote, ExpiryReason reason) {
            remove(orderId);
        }
        @Override public void onCanceled(long orderId, long remainingLots) { remove(orderId); }
        @Override public void onCancelRejected(long orderId, RejectReason reason) { }
    }
}
