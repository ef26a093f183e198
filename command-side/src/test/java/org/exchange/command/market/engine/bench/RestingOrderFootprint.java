package org.exchange.command.market.engine.bench;

import org.exchange.command.market.engine.LimitOrderBook;
import org.exchange.command.market.engine.OrderBook;
import org.exchange.command.market.engine.OrderType;
import org.exchange.command.market.engine.ReferenceOrderBook;
import org.exchange.command.market.engine.SelfTradePrevention;
import org.exchange.command.market.engine.Side;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Heap retained by a book full of resting orders: live heap after a full GC before the book exists,
 * after creating it (presized, for the engine) and after resting {@code orders} orders in it.
 * Run in a JVM of its own, so that nothing else allocates between the measurements:
 * {@code RestingOrderFootprint [orders, default 1000000]} prints {@code key=value} lines.
 */
public final class RestingOrderFootprint {

    /** Orders are spread behind the touch like the standard flow's passive orders. */
    private static final long MID = OrderFlowGenerator.START_MID_TICKS;
    private static final int LEVELS_PER_SIDE = 1 << 13;

    /**
     * @param emptyBookBytes heap taken by the book before any order rests (its presized pools)
     * @param filledBookBytes heap taken by the book holding every order
     * @param priceLevels price levels of both sides together when full
     */
    public record Footprint(String book, int orders, long emptyBookBytes, long filledBookBytes, int priceLevels) {
        public double bytesPerRestingOrder() {
            return (double) filledBookBytes / orders;
        }
    }

    public static void main(String[] args) {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        for (String book : new String[] {EngineBenchmark.Replay.ENGINE, EngineBenchmark.Replay.REFERENCE}) {
            Footprint footprint = measure(book, orders);
            String prefix = book + ".";
            System.out.println(prefix + "orders=" + footprint.orders());
            System.out.println(prefix + "priceLevels=" + footprint.priceLevels());
            System.out.println(prefix + "emptyBookBytes=" + footprint.emptyBookBytes());
            System.out.println(prefix + "filledBookBytes=" + footprint.filledBookBytes());
            System.out.println(prefix + "bytesPerRestingOrder="
                    + String.format(Locale.ROOT, "%.1f", footprint.bytesPerRestingOrder()));
        }
    }

    public static Footprint measure(String bookName, int orders) {
        CountingListener listener = new CountingListener();
        long before = heapUsedAfterGc();
        OrderBook book = EngineBenchmark.Replay.ENGINE.equals(bookName)
                ? new LimitOrderBook(listener, orders, LEVELS_PER_SIDE)
                : new ReferenceOrderBook(listener);
        long empty = heapUsedAfterGc();
        fill(book, orders, 1);
        long filled = heapUsedAfterGc();
        if (book.restingOrderCount() != orders) {
            throw new IllegalStateException("expected " + orders + " resting orders but the book holds "
                    + book.restingOrderCount());
        }
        int levels = levels(book, Side.BUY) + levels(book, Side.SELL);
        return new Footprint(bookName, orders, empty - before, filled - before, levels);
    }

    /**
     * Rests {@code orders} GTC orders, half bids below and half asks above the mid, at heavy-tailed
     * distances so that they never cross; accounts and sizes vary as in the standard flow.
     */
    public static void fill(OrderBook book, int orders, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int id = 1; id <= orders; id++) {
            Side side = (id & 1) == 0 ? Side.BUY : Side.SELL;
            long behind = Math.min((long) (2 * Math.pow(1 - random.nextDouble(), -1 / 1.2)) - 2, 20_000);
            long price = side == Side.BUY ? MID - 1 - behind : MID + 1 + behind;
            long quantity = 100 + random.nextInt(900);
            book.place(id, 1 + random.nextInt(OrderFlowGenerator.ACCOUNTS), side, OrderType.LIMIT_GTC, price,
                    quantity, 0, SelfTradePrevention.EXPIRE_TAKER);
        }
    }

    private static int levels(OrderBook book, Side side) {
        int max = 2 * 20_000 + 8;
        return book.depth(side, max, new long[max], new long[max], new int[max]);
    }

    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // repeat until the figure settles: a single System.gc() can leave finalizable or soft garbage
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
