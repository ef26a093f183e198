package org.exchange.command.market.engine.bench;

import org.exchange.command.market.engine.ExpiryReason;
import org.exchange.command.market.engine.FlowFile;
import org.exchange.command.market.engine.LimitOrderBook;
import org.exchange.command.market.engine.OrderBook;
import org.exchange.command.market.engine.OrderBookListener;
import org.exchange.command.market.engine.OrderType;
import org.exchange.command.market.engine.RejectReason;
import org.exchange.command.market.engine.SelfTradePrevention;
import org.exchange.command.market.engine.Side;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A sequence of place and cancel commands for one market held in primitive columns, so that
 * replaying it costs nothing but the book's own work. Built by {@link OrderFlowGenerator} or read
 * from a flow file; orders use {@link SelfTradePrevention#EXPIRE_TAKER}, as flow files do.
 */
public final class OrderFlow {

    /** Per command; {@code null} for a cancel. */
    private final OrderType[] types;
    private final Side[] sides;
    private final long[] orderIds;
    private final long[] accountIds;
    private final long[] prices;
    private final long[] quantities;
    private final int size;

    private OrderFlow(Builder builder) {
        this.size = builder.size;
        this.types = Arrays.copyOf(builder.types, size);
        this.sides = Arrays.copyOf(builder.sides, size);
        this.orderIds = Arrays.copyOf(builder.orderIds, size);
        this.accountIds = Arrays.copyOf(builder.accountIds, size);
        this.prices = Arrays.copyOf(builder.prices, size);
        this.quantities = Arrays.copyOf(builder.quantities, size);
    }

    /** The commands of a flow file, in file order. */
    public static OrderFlow of(FlowFile file) {
        Builder builder = new Builder(file.commandCount());
        file.replay(builder.recordingBook());
        return builder.build();
    }

    public static OrderFlow read(Path flowFile) throws IOException {
        return of(FlowFile.read(flowFile));
    }

    public int size() {
        return size;
    }

    /** Feeds the command at {@code index} to the book. */
    public void replayCommand(OrderBook book, int index) {
        OrderType type = types[index];
        if (type == null) {
            book.cancel(orderIds[index]);
        } else {
            book.place(orderIds[index], accountIds[index], sides[index], type, prices[index], quantities[index], 0,
                    SelfTradePrevention.EXPIRE_TAKER);
        }
    }

    /** Feeds every command to the book in order and returns how many were fed. */
    public int replay(OrderBook book) {
        for (int i = 0; i < size; i++) {
            replayCommand(book, i);
        }
        return size;
    }

    public boolean isCancel(int index) {
        return types[index] == null;
    }

    /** The order type of a place command, {@code null} for a cancel. */
    public OrderType type(int index) {
        return types[index];
    }

    public Side side(int index) {
        return sides[index];
    }

    public long orderId(int index) {
        return orderIds[index];
    }

    public long accountId(int index) {
        return accountIds[index];
    }

    public long price(int index) {
        return prices[index];
    }

    public long quantity(int index) {
        return quantities[index];
    }

    /**
     * This flow followed by a cancel of every order still resting after it, so that replaying it
     * leaves an empty book and can start over on the same book with the same outcome. A benchmark
     * that loops over a flow this way needs no fresh book, and so allocates nothing per pass.
     */
    public ReplayableFlow endingWithEmptyBook() {
        RestingTracker tracker = new RestingTracker();
        LimitOrderBook book = new LimitOrderBook(tracker);
        int peak = 0;
        for (int i = 0; i < size; i++) {
            replayCommand(book, i);
            peak = Math.max(peak, book.restingOrderCount());
        }
        Map<Long, Long> accountOfResting = new HashMap<>();
        for (int i = 0; i < size; i++) {
            if (types[i] != null && tracker.resting.contains(orderIds[i])) {
                accountOfResting.put(orderIds[i], accountIds[i]);
            }
        }
        // copied rather than replayed into a recording book: the book calls in replayCommand should
        // only ever see LimitOrderBook and the book under test, or the JIT stops inlining them
        Builder builder = new Builder(size + tracker.resting.size());
        for (int i = 0; i < size; i++) {
            builder.add(types[i], sides[i], orderIds[i], accountIds[i], prices[i], quantities[i]);
        }
        for (long orderId : tracker.resting) {
            builder.cancel(orderId, accountOfResting.get(orderId));
        }
        return new ReplayableFlow(builder.build(), size, peak);
    }

    /**
     * Writes the flow as an order-flow file (CSV v1). Only the types v1 knows (GTC, IOC, FOK, MARKET)
     * can be written; a flow with others, such as post-only orders, is refused.
     */
    public void writeV1(Path file, String market, String tickSize, String lotSize) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            writeV1(out, market, tickSize, lotSize);
        }
    }

    public void writeV1(Writer out, String market, String tickSize, String lotSize) throws IOException {
        for (int i = 0; i < size; i++) {
            if (types[i] != null && v1Name(types[i]) == null) {
                throw new IllegalStateException("command " + (i + 1) + " is " + types[i]
                        + ", which flow format v1 cannot express");
            }
        }
        out.write("# exchange order flow v1 market=" + market + " tick=" + tickSize + " lot=" + lotSize + "\n");
        out.write("seq,action,order_id,account,side,type,price,quantity\n");
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < size; i++) {
            line.setLength(0);
            line.append(i + 1).append(',');
            if (types[i] == null) {
                line.append("CANCEL,").append(orderIds[i]).append(',').append(accountIds[i]).append(",,,,");
            } else {
                line.append("PLACE,").append(orderIds[i]).append(',').append(accountIds[i]).append(',')
                        .append(sides[i]).append(',').append(v1Name(types[i])).append(',');
                if (types[i] != OrderType.MARKET) {
                    line.append(prices[i]);
                }
                line.append(',').append(quantities[i]);
            }
            out.append(line).append('\n');
        }
    }

    private static String v1Name(OrderType type) {
        return switch (type) {
            case LIMIT_GTC -> "GTC";
            case LIMIT_IOC -> "IOC";
            case LIMIT_FOK -> "FOK";
            case MARKET -> "MARKET";
            case LIMIT_MAKER, MARKET_BY_QUOTE -> null;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrderFlow that && size == that.size && Arrays.equals(types, that.types)
                && Arrays.equals(sides, that.sides) && Arrays.equals(orderIds, that.orderIds)
                && Arrays.equals(accountIds, that.accountIds) && Arrays.equals(prices, that.prices)
                && Arrays.equals(quantities, that.quantities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(orderIds) + Arrays.hashCode(prices);
    }

    @Override
    public String toString() {
        return "OrderFlow[" + size + " commands]";
    }

    /**
     * A flow that leaves the book empty, so it can be replayed round and round on one book.
     *
     * @param originalCommands commands before the cancels appended to empty the book
     * @param peakRestingOrders the most orders resting at once, for presizing a book
     */
    public record ReplayableFlow(OrderFlow flow, int originalCommands, int peakRestingOrders) {
    }

    /** Collects commands into growing columns. */
    static final class Builder {
        private OrderType[] types;
        private Side[] sides;
        private long[] orderIds;
        private long[] accountIds;
        private long[] prices;
        private long[] quantities;
        private int size;

        Builder(int expectedCommands) {
            int capacity = Math.max(expectedCommands, 16);
            types = new OrderType[capacity];
            sides = new Side[capacity];
            orderIds = new long[capacity];
            accountIds = new long[capacity];
            prices = new long[capacity];
            quantities = new long[capacity];
        }

        void place(long orderId, long accountId, Side side, OrderType type, long price, long quantity) {
            add(type, side, orderId, accountId, price, quantity);
        }

        /** A cancel keeps the account of the order it names, so that v1 files can show it. */
        void cancel(long orderId, long accountId) {
            add(null, null, orderId, accountId, 0, 0);
        }

        int size() {
            return size;
        }

        OrderFlow build() {
            return new OrderFlow(this);
        }

        /** A book that records the commands fed to it instead of matching them. */
        OrderBook recordingBook() {
            return new RecordingBook(this);
        }

        private void add(OrderType type, Side side, long orderId, long accountId, long price, long quantity) {
            if (size == types.length) {
                int capacity = size * 2;
                types = Arrays.copyOf(types, capacity);
                sides = Arrays.copyOf(sides, capacity);
                orderIds = Arrays.copyOf(orderIds, capacity);
                accountIds = Arrays.copyOf(accountIds, capacity);
                prices = Arrays.copyOf(prices, capacity);
                quantities = Arrays.copyOf(quantities, capacity);
            }
            types[size] = type;
            sides[size] = side;
            orderIds[size] = orderId;
            accountIds[size] = accountId;
            prices[size] = price;
            quantities[size] = quantity;
            size++;
        }
    }

    /**
     * Records place and cancel calls. A flow file's cancel lines name an account, but
     * {@link OrderBook#cancel} does not pass it on; the recorder fills it in from the order's place
     * command, which is what a v1 writer would put there.
     */
    private static final class RecordingBook implements OrderBook {
        private final Builder builder;
        private final Map<Long, Long> accountOfOrder = new HashMap<>();

        RecordingBook(Builder builder) {
            this.builder = builder;
        }

        @Override
        public void place(long orderId, long accountId, Side side, OrderType type, long priceTicks, long quantityLots,
                          long quoteBudget, SelfTradePrevention selfTradePrevention) {
            accountOfOrder.put(orderId, accountId);
            builder.place(orderId, accountId, side, type, priceTicks, quantityLots);
        }

        @Override
        public void cancel(long orderId) {
            builder.cancel(orderId, accountOfOrder.getOrDefault(orderId, 0L));
        }

        @Override public long bestBid() { return NO_PRICE; }
        @Override public long bestAsk() { return NO_PRICE; }
        @Override public int depth(Side side, int maxLevels, long[] p, long[] q, int[] c) { return 0; }
        @Override public long remainingQuantity(long orderId) { return 0; }
        @Override public int restingOrderCount() { return 0; }
        @Override public long stateHash() { return 1; }
    }

    /** Follows which orders rest, in the order they came to rest. */
    private static final class RestingTracker implements OrderBookListener {
        final Set<Long> resting = new LinkedHashSet<>();

        @Override public void onAccepted(long orderId) { }
        @Override public void onRejected(long orderId, RejectReason reason) { }
        @Override public void onTrade(long makerOrderId, long takerOrderId, long makerAccountId, long takerAccountId,
                                      long priceTicks, long quantityLots, Side takerSide) { }
        @Override public void onFilled(long orderId) { resting.remove(orderId); }
        @Override public void onRested(long orderId, long priceTicks, long remainingLots) { resting.add(orderId); }
        @Override public void onExpired(long orderId, long remainingLots, long unspentQuote, ExpiryReason reason) {
            resting.remove(orderId);
        }
        @Override public void onCanceled(long orderId, long remainingLots) { resting.remove(orderId); }
        @Override public void onCancelRejected(long orderId, RejectReason reason) { }
    }
}
