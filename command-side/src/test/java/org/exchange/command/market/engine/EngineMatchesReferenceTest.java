package org.exchange.command.market.engine;

import org.exchange.command.market.engine.BookEvent.Accepted;
import org.exchange.command.market.engine.BookEvent.CancelRejected;
import org.exchange.command.market.engine.BookEvent.Canceled;
import org.exchange.command.market.engine.BookEvent.Expired;
import org.exchange.command.market.engine.BookEvent.Filled;
import org.exchange.command.market.engine.BookEvent.Rejected;
import org.exchange.command.market.engine.BookEvent.Rested;
import org.exchange.command.market.engine.BookEvent.Trade;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs long random command streams through the engine and the reference book and requires the same
 * events for every command and the same book state every 1,000 commands, while checking invariants
 * that hold whatever the rules: the book never rests crossed, quantities stay positive, no order
 * fills more than it asked for, and every order ends each command in exactly one state.
 */
class EngineMatchesReferenceTest {

    private static final int COMMANDS_PER_SEED = 100_000;
    private static final int STATE_CHECK_INTERVAL = 1_000;
    private static final int DEPTH_LEVELS = 10;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20_250_601L})
    void engineAndReferenceAgreeOnEveryEventAndState(long seed) {
        EventRecorder engineEvents = new EventRecorder();
        EventRecorder referenceEvents = new EventRecorder();
        // tiny initial pools, so that growing them happens under test as well
        OrderBook engine = new LimitOrderBook(engineEvents, 16, 4);
        OrderBook reference = new ReferenceOrderBook(referenceEvents);
        CommandStream commands = new CommandStream(seed);
        OrderLedger ledger = new OrderLedger();
        Stats stats = new Stats();

        for (int n = 1; n <= COMMANDS_PER_SEED; n++) {
            Command command = commands.next();
            command.applyTo(engine);
            command.applyTo(reference);
            List<BookEvent> fromEngine = engineEvents.drain();
            List<BookEvent> fromReference = referenceEvents.drain();
            if (!fromEngine.equals(fromReference)) {
                fail("command %d %s%n engine:    %s%n reference: %s", n, command, fromEngine, fromReference);
            }
            ledger.check(n, command, fromEngine);
            commands.observe(fromEngine);
            stats.count(command, fromEngine, engine.restingOrderCount());
            assertRestsUncrossedWithPositiveLevels(n, engine);
            if (n % STATE_CHECK_INTERVAL == 0) {
                assertSameState(n, engine, reference, commands);
            }
        }
        assertSameState(COMMANDS_PER_SEED, engine, reference, commands);
        // guard against a generator that stopped exercising the rules
        assertThat(stats.trades).isGreaterThan(20_000);
        assertThat(stats.selfTradeExpiries).isGreaterThan(3_000);
        assertThat(stats.fillOrKillFills).isGreaterThan(1_000);
        assertThat(stats.fillOrKillExpiries).isGreaterThan(3_000);
        assertThat(stats.wouldTakeRejections).isGreaterThan(1_000);
        assertThat(stats.budgetExpiries).isGreaterThan(1_000);
        assertThat(stats.canceled).isGreaterThan(10_000);
        assertThat(stats.cancelsNotFound).isGreaterThan(5_000);
        assertThat(stats.duplicateIds).isGreaterThan(2_000);
        assertThat(stats.peakRestingOrders).isGreaterThan(200);
    }

    private static void assertRestsUncrossedWithPositiveLevels(int n, OrderBook book) {
        long bid = book.bestBid();
        long ask = book.bestAsk();
        if (bid != OrderBook.NO_PRICE && ask != OrderBook.NO_PRICE && bid >= ask) {
            fail("after command %d the book is crossed: bid %d, ask %d", n, bid, ask);
        }
        long[] prices = new long[DEPTH_LEVELS];
        long[] quantities = new long[DEPTH_LEVELS];
        int[] counts = new int[DEPTH_LEVELS];
        for (Side side : Side.values()) {
            int levels = book.depth(side, DEPTH_LEVELS, prices, quantities, counts);
            for (int i = 0; i < levels; i++) {
                if (prices[i] <= 0 || quantities[i] <= 0 || counts[i] <= 0 || quantities[i] < counts[i]) {
                    fail("after command %d %s level %d has price %d, quantity %d, %d orders",
                            n, side, i, prices[i], quantities[i], counts[i]);
                }
                if (i > 0 && (side == Side.BUY ? prices[i] >= prices[i - 1] : prices[i] <= prices[i - 1])) {
                    fail("after command %d %s levels are out of order at %d", n, side, i);
                }
            }
        }
    }

    private static void assertSameState(int n, OrderBook engine, OrderBook reference, CommandStream commands) {
        assertThat(engine.stateHash()).as("state hash after command %d", n).isEqualTo(reference.stateHash());
        assertThat(engine.restingOrderCount()).as("resting orders after command %d", n)
                .isEqualTo(reference.restingOrderCount());
        assertThat(engine.bestBid()).isEqualTo(reference.bestBid());
        assertThat(engine.bestAsk()).isEqualTo(reference.bestAsk());
        for (Side side : Side.values()) {
            long[][] engineDepth = depth(engine, side);
            long[][] referenceDepth = depth(reference, side);
            assertThat(engineDepth).as("%s depth after command %d", side, n).isDeepEqualTo(referenceDepth);
        }
        for (long id = Math.max(1, commands.lastOrderId() - 300); id <= commands.lastOrderId(); id++) {
            assertThat(engine.remainingQuantity(id)).as("order %d after command %d", id, n)
                    .isEqualTo(reference.remainingQuantity(id));
        }
    }

    private static long[][] depth(OrderBook book, Side side) {
        long[] prices = new long[DEPTH_LEVELS];
        long[] quantities = new long[DEPTH_LEVELS];
        int[] counts = new int[DEPTH_LEVELS];
        int levels = book.depth(side, DEPTH_LEVELS, prices, quantities, counts);
        long[][] rows = new long[levels][];
        for (int i = 0; i < levels; i++) {
            rows[i] = new long[] {prices[i], quantities[i], counts[i]};
        }
        return rows;
    }

    /** One place or cancel, as generated. */
    private record Command(boolean cancel, long orderId, long accountId, Side side, OrderType type, long price,
                           long quantity, long quoteBudget, SelfTradePrevention stp) {

        static Command cancelOf(long orderId) {
            return new Command(true, orderId, 0, null, null, 0, 0, 0, null);
        }

        void applyTo(OrderBook book) {
            if (cancel) {
                book.cancel(orderId);
            } else {
                book.place(orderId, accountId, side, type, price, quantity, quoteBudget, stp);
            }
        }
    }

    /**
     * Random commands around a drifting mid price with a narrow band, few accounts (so self-trades
     * are common) and cancels of live, dead and never-used ids.
     */
    private static final class CommandStream {

        private static final int ACCOUNTS = 6;
        private static final SelfTradePrevention[] STP_MODES = {
                null, SelfTradePrevention.EXPIRE_TAKER, SelfTradePrevention.EXPIRE_MAKER, SelfTradePrevention.EXPIRE_BOTH};

        private final SplittableRandom random;
        private final List<Long> live = new ArrayList<>();
        private final Map<Long, Integer> livePosition = new HashMap<>();
        private long mid = 10_000;
        private long lastOrderId;

        CommandStream(long seed) {
            this.random = new SplittableRandom(seed);
        }

        long lastOrderId() {
            return lastOrderId;
        }

        Command next() {
            if (random.nextInt(10) == 0) {
                mid = Math.max(100, mid + (random.nextBoolean() ? 1 : -1));
            }
            if (random.nextInt(4_000) < live.size()) {
                // cancels grow with the book, which keeps it deep but bounded (around a thousand orders)
                return Command.cancelOf(liveId());
            }
            int roll = random.nextInt(100);
            if (roll < 35) {
                return limit(OrderType.LIMIT_GTC);
            } else if (roll < 45) {
                return limit(OrderType.LIMIT_IOC);
            } else if (roll < 55) {
                return limit(OrderType.LIMIT_FOK);
            } else if (roll < 63) {
                return limit(OrderType.LIMIT_MAKER);
            } else if (roll < 68) {
                return place(++lastOrderId, randomSide(), OrderType.MARKET, 0, quantity(), 0);
            } else if (roll < 72) {
                return place(++lastOrderId, Side.BUY, OrderType.MARKET_BY_QUOTE, 0, 0, 1 + random.nextLong(mid * 30));
            } else if (roll < 82) {
                return Command.cancelOf(liveId());
            } else if (roll < 90) {
                return Command.cancelOf(1 + random.nextLong(lastOrderId + 50));
            } else if (roll < 95) {
                Command order = limit(OrderType.LIMIT_GTC);
                long reusedId = live.isEmpty() ? order.orderId() : liveId();
                return new Command(false, reusedId, order.accountId(), order.side(), order.type(), order.price(),
                        order.quantity(), 0, order.stp());
            } else {
                return invalid();
            }
        }

        /** Tracks which ids rest, from the events, so cancels can aim at live orders. */
        void observe(List<BookEvent> events) {
            for (BookEvent event : events) {
                switch (event) {
                    case Rested rested -> addLive(rested.orderId());
                    case Filled filled -> removeLive(filled.orderId());
                    case Expired expired -> removeLive(expired.orderId());
                    case Canceled canceled -> removeLive(canceled.orderId());
                    default -> { }
                }
            }
        }

        private Command limit(OrderType type) {
            Side side = randomSide();
            // mostly a little below to a little above mid for buyers (the mirror for sellers), so crossing
            // is frequent; a quarter deeper in the book, so there are many levels to insert between
            long offset = random.nextInt(4) == 0 ? -random.nextInt(5, 30) : random.nextInt(-5, 3);
            long price = side == Side.BUY ? mid + offset : mid - offset;
            return place(++lastOrderId, side, type, price, quantity(), 0);
        }

        private Command invalid() {
            long id = ++lastOrderId;
            return switch (random.nextInt(5)) {
                case 0 -> place(id, randomSide(), OrderType.LIMIT_GTC, 0, quantity(), 0);
                case 1 -> place(id, randomSide(), OrderType.LIMIT_IOC, mid, 0, 0);
                case 2 -> place(id, Side.SELL, OrderType.MARKET_BY_QUOTE, 0, 0, mid * 5);
                case 3 -> place(id, Side.BUY, OrderType.MARKET_BY_QUOTE, 0, 10, 0);
                default -> new Command(false, id, account(), null, OrderType.LIMIT_GTC, mid, 1, 0, null);
            };
        }

        private Command place(long id, Side side, OrderType type, long price, long quantity, long budget) {
            return new Command(false, id, account(), side, type, price, quantity, budget,
                    STP_MODES[random.nextInt(STP_MODES.length)]);
        }

        private long quantity() {
            return random.nextInt(10) == 0 ? 1 + random.nextInt(200) : 1 + random.nextInt(20);
        }

        private long account() {
            return 1 + random.nextInt(ACCOUNTS);
        }

        private Side randomSide() {
            return random.nextBoolean() ? Side.BUY : Side.SELL;
        }

        private long liveId() {
            return live.isEmpty() ? lastOrderId + 1_000 : live.get(random.nextInt(live.size()));
        }

        private void addLive(long id) {
            livePosition.put(id, live.size());
            live.add(id);
        }

        private void removeLive(long id) {
            Integer position = livePosition.remove(id);
            if (position == null) {
                return;
            }
            long last = live.removeLast();
            if (position < live.size()) {
                live.set(position, last);
                livePosition.put(last, position);
            }
        }
    }

    /**
     * Follows every order through its events: what it asked for and what it got. Checks that no
     * order fills beyond its quantity or budget, that reported remainders match the fills, and that
     * a placed order ends its command in exactly one state.
     */
    private static final class OrderLedger {

        private static final class Entry {
            final boolean spendsBudget;
            final long asked;
            long filledLots;
            long spent;

            Entry(boolean spendsBudget, long asked) {
                this.spendsBudget = spendsBudget;
                this.asked = asked;
            }
        }

        private final Map<Long, Entry> entries = new HashMap<>();

        void check(int n, Command command, List<BookEvent> events) {
            int finalStates = 0;
            for (BookEvent event : events) {
                switch (event) {
                    case Accepted accepted -> {
                        boolean byQuote = command.type() == OrderType.MARKET_BY_QUOTE;
                        entries.put(accepted.orderId(),
                                new Entry(byQuote, byQuote ? command.quoteBudget() : command.quantity()));
                    }
                    case Trade trade -> {
                        require(n, trade.quantityLots() > 0 && trade.priceTicks() > 0, "positive trade", trade);
                        fill(n, trade.makerOrderId(), trade);
                        fill(n, trade.takerOrderId(), trade);
                    }
                    case Filled filled -> {
                        Entry entry = entries.get(filled.orderId());
                        require(n, entry.spendsBudget ? entry.spent == entry.asked : entry.filledLots == entry.asked,
                                "filled order used all it asked for", filled);
                        finalStates += isIncoming(command, filled.orderId());
                    }
                    case Rested rested -> {
                        require(n, rested.remainingLots() > 0
                                        && rested.remainingLots() == entries.get(rested.orderId()).asked
                                        - entries.get(rested.orderId()).filledLots,
                                "rests with its unfilled quantity", rested);
                        finalStates++;
                    }
                    case Expired expired -> {
                        Entry entry = entries.get(expired.orderId());
                        boolean consistent = entry.spendsBudget
                                ? expired.remainingLots() == 0 && expired.unspentQuote() == entry.asked - entry.spent
                                && expired.unspentQuote() > 0
                                : expired.unspentQuote() == 0 && expired.remainingLots() == entry.asked - entry.filledLots
                                && expired.remainingLots() > 0;
                        require(n, consistent, "expires with its unfilled remainder", expired);
                        finalStates += isIncoming(command, expired.orderId());
                    }
                    case Canceled canceled -> {
                        Entry entry = entries.get(canceled.orderId());
                        require(n, canceled.remainingLots() > 0
                                && canceled.remainingLots() == entry.asked - entry.filledLots,
                                "cancel reports the unfilled quantity", canceled);
                        finalStates++;
                    }
                    case Rejected rejected -> finalStates++;
                    case CancelRejected rejected -> finalStates++;
                }
            }
            require(n, finalStates == 1, "exactly one final state for the commanded order", events);
        }

        private void fill(int n, long orderId, Trade trade) {
            Entry entry = entries.get(orderId);
            entry.filledLots += trade.quantityLots();
            entry.spent += trade.quantityLots() * trade.priceTicks();
            require(n, entry.spendsBudget ? entry.spent <= entry.asked : entry.filledLots <= entry.asked,
                    "no order fills beyond what it asked for", trade);
        }

        private static int isIncoming(Command command, long orderId) {
            return !command.cancel() && command.orderId() == orderId ? 1 : 0;
        }

        private static void require(int n, boolean condition, String rule, Object evidence) {
            if (!condition) {
                fail("command %d broke '%s': %s", n, rule, evidence);
            }
        }
    }

    /** Counts outcomes so the test notices when the stream stops reaching a rule. */
    private static final class Stats {
        long trades;
        long selfTradeExpiries;
        long fillOrKillExpiries;
        long wouldTakeRejections;
        long budgetExpiries;
        long canceled;
        long cancelsNotFound;
        long duplicateIds;
        long fillOrKillFills;
        int peakRestingOrders;

        void count(Command command, List<BookEvent> events, int restingOrders) {
            peakRestingOrders = Math.max(peakRestingOrders, restingOrders);
            if (command.type() == OrderType.LIMIT_FOK && events.contains(new Filled(command.orderId()))) {
                fillOrKillFills++;
            }
            for (BookEvent event : events) {
                switch (event) {
                    case Trade trade -> trades++;
                    case Expired expired when expired.reason() == ExpiryReason.SELF_TRADE -> selfTradeExpiries++;
                    case Expired expired when expired.reason() == ExpiryReason.NOT_FULLY_FILLABLE -> fillOrKillExpiries++;
                    case Expired expired when expired.reason() == ExpiryReason.BUDGET_BELOW_LOT_PRICE -> budgetExpiries++;
                    case Rejected rejected when rejected.reason() == RejectReason.WOULD_TAKE -> wouldTakeRejections++;
                    case Rejected rejected when rejected.reason() == RejectReason.DUPLICATE_ORDER_ID -> duplicateIds++;
                    case Canceled canceled -> this.canceled++;
                    case CancelRejected rejected -> cancelsNotFound++;
                    default -> { }
                }
            }
        }
    }
}
