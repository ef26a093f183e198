package org.exchange.command.market.engine.bench;

import org.exchange.command.market.engine.ExpiryReason;
import org.exchange.command.market.engine.FlowFile;
import org.exchange.command.market.engine.LimitOrderBook;
import org.exchange.command.market.engine.OrderBook;
import org.exchange.command.market.engine.OrderBookListener;
import org.exchange.command.market.engine.OrderCommands;
import org.exchange.command.market.engine.OrderType;
import org.exchange.command.market.engine.RejectReason;
import org.exchange.command.market.engine.SelfTradePrevention;
import org.exchange.command.market.engine.Side;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A sequence of place and cancel commands for one market ({@link OrderCommands}, primitive
 * columns), built by {@link OrderFlowGenerator} or read from a flow file, with what the benchmark
 * needs on top: a variant that leaves the book empty, and writing flow files.
 */
public final class OrderFlow {

    private final OrderCommands commands;

    private OrderFlow(Builder builder) {
        this.commands = builder.commands.trimmed();
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
        return commands.size();
    }

    /** Feeds the command at {@code index} to the book. */
    public void replayCommand(OrderBook book, int index) {
        commands.replayCommand(book, index);
    }

    /** Feeds every command to the book in order and returns how many were fed. */
    public int replay(OrderBook book) {
        return commands.replay(book);
    }

    public boolean isCancel(int index) {
        return commands.isCancel(index);
    }

    /** The order type of a place command, {@code null} for a cancel. */
    public OrderType type(int index) {
        return commands.type(index);
    }

    public Side side(int index) {
        return commands.side(index);
    }

    public long orderId(int index) {
        return commands.orderId(index);
    }

    public long accountId(int index) {
        return commands.accountId(index);
    }

    public long price(int index) {
        return commands.price(index);
    }

    public long quantity(int index) {
        return commands.quantity(index);
    }

    /**
     * This flow followed by a cancel of every order still resting after it, so that replaying it
     * leaves an empty book and can start over on the same book with the same outcome. A benchmark
     * that loops over a flow this way needs no fresh book, and so allocates nothing per pass.
     */
    public ReplayableFlow endingWithEmptyBook() {
        RestingTracker tracker = new RestingTracker();
        LimitOrderBook book = new LimitOrderBook(tracker);
        int size = size();
        int peak = 0;
        for (int i = 0; i < size; i++) {
            replayCommand(book, i);
            peak = Math.max(peak, book.restingOrderCount());
        }
        Map<Long, Long> accountOfResting = new HashMap<>();
        for (int i = 0; i < size; i++) {
            if (!isCancel(i) && tracker.resting.contains(orderId(i))) {
                accountOfResting.put(orderId(i), accountId(i));
            }
        }
        // copied rather than replayed into a recording book: the book calls in replayCommand should
        // only ever see LimitOrderBook and the book under test, or the JIT stops inlining them
        Builder builder = new Builder(size + tracker.resting.size());
        for (int i = 0; i < size; i++) {
            builder.commands.addCopyOf(commands, i);
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
        int size = size();
        for (int i = 0; i < size; i++) {
            if (!isCancel(i) && v1Name(type(i)) == null) {
                throw new IllegalStateException("command " + (i + 1) + " is " + type(i)
                        + ", which flow format v1 cannot express");
            }
        }
        out.write("# exchange order flow v1 market=" + market + " tick=" + tickSize + " lot=" + lotSize + "\n");
        out.write("seq,action,order_id,account,side,type,price,quantity\n");
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < size; i++) {
            line.setLength(0);
            line.append(i + 1).append(',');
            if (isCancel(i)) {
                line.append("CANCEL,").append(orderId(i)).append(',').append(accountId(i)).append(",,,,");
            } else {
                line.append("PLACE,").append(orderId(i)).append(',').append(accountId(i)).append(',')
                        .append(side(i)).append(',').append(v1Name(type(i))).append(',');
                if (type(i) != OrderType.MARKET) {
                    line.append(price(i));
                }
                line.append(',').append(quantity(i));
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
        return other instanceof OrderFlow that && commands.equals(that.commands);
    }

    @Override
    public int hashCode() {
        return commands.hashCode();
    }

    @Override
    public String toString() {
        return "OrderFlow[" + size() + " commands]";
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
        private final OrderCommands commands;

        Builder(int expectedCommands) {
            commands = new OrderCommands(expectedCommands);
        }

        void place(long orderId, long accountId, Side side, OrderType type, long price, long quantity) {
            commands.addPlace(orderId, accountId, side, type, price, quantity);
        }

        /** A cancel keeps the account of the order it names, so that v1 files can show it. */
        void cancel(long orderId, long accountId) {
            commands.addCancel(orderId, accountId);
        }

        int size() {
            return commands.size();
        }

        OrderFlow build() {
            return new OrderFlow(this);
        }

        /** A book that records the commands fed to it instead of matching them. */
        OrderBook recordingBook() {
            return new RecordingBook(this);
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
