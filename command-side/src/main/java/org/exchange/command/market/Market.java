package org.exchange.command.market;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.BookOutcome;
import org.exchange.api.market.CancelAccountOrdersCommand;
import org.exchange.api.market.CancelOrderInBookCommand;
import org.exchange.api.market.CanceledOrders;
import org.exchange.api.market.HaltMarketCommand;
import org.exchange.api.market.MarketHaltedEvent;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.MarketResumedEvent;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.OpenMarketCommand;
import org.exchange.api.market.OrderAcceptedByBookEvent;
import org.exchange.api.market.OrderFilters;
import org.exchange.api.market.OrderLeftBookEvent;
import org.exchange.api.market.OrderRejectedByBookEvent;
import org.exchange.api.market.OrderRestedEvent;
import org.exchange.api.market.ResumeMarketCommand;
import org.exchange.api.market.StopOrderTriggeredEvent;
import org.exchange.api.market.SubmitOrderCommand;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.trade.TradeId;
import org.exchange.command.account.AssetCatalog;
import org.exchange.command.market.engine.LimitOrderBook;
import org.exchange.command.market.engine.OrderType;
import org.exchange.command.market.engine.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.exchange.command.market.EngineInputs.engineType;
import static org.exchange.command.market.EngineInputs.isStop;
import static org.exchange.command.market.EngineInputs.orderSide;
import static org.exchange.command.market.EngineInputs.side;

/**
 * A market: its trading rules, whether it accepts orders, and its order book (the plain-Java engine
 * in {@code market.engine}) with the stop orders parked outside it (ADR 0008, "The book inside
 * Market").
 *
 * <p>Guarantees: a submitted order id is decided once (a repeat answers the order's current
 * outcome, without its fills, and records nothing; once that outcome is no longer kept, see
 * {@link #OUTCOME_RETENTION}, a repeat is answered {@code PENDING_NEW} and records nothing); the
 * answer to a submission lists the order's trades of that command, which are written with it; a
 * refusal is a recorded {@link OrderRejectedByBookEvent}, never an exception; every trade is at the
 * maker's price with fees rounded down to the quote asset's scale.
 *
 * <p>Replay rebuilds the same book: the engine is driven only by the event-sourcing handlers of
 * {@link OrderAcceptedByBookEvent} and {@link StopOrderTriggeredEvent} (place) and of a
 * {@code CANCELED} {@link OrderLeftBookEvent} (cancel, the only outcome the engine never produces by
 * itself). Every other outcome event is the engine's own report, applied live by the command handler
 * from the callbacks collected during the place; on replay their handlers only maintain the maps.
 *
 * <p>Cached ({@link AggregateCacheConfiguration}): a market is not replayed on every command. This is
 * safe because commands are routed by market id, so one market lives on one node, and the event
 * store's unique (aggregate id, sequence number) key still guards every append: a stale cached copy
 * can only lose an optimistic-lock race (the command fails and the cache entry is evicted), never
 * write over newer events.
 *
 * <p>Snapshotted ({@link MarketSnapshots}, ADR 0022): a market loads from its latest snapshot plus the
 * events after it. Its JSON is {@link MarketSnapshot}, revision {@value #SNAPSHOT_REVISION}; a market
 * restored from it decides every next command exactly as the replayed one.
 */
@Aggregate(cache = AggregateCacheConfiguration.MARKET_CACHE,
        snapshotTriggerDefinition = MarketSnapshots.TRIGGER, snapshotFilter = MarketSnapshots.FILTER)
@Revision(Market.SNAPSHOT_REVISION)
public class Market {

    /**
     * The format of {@link MarketSnapshot}. Any change of what a snapshot holds or means takes a new
     * revision: snapshots of another revision are then ignored and rebuilt, never misread.
     */
    static final String SNAPSHOT_REVISION = "2";

    /** A submission placed longer ago than this is refused: the order saga gives up at 10 s. */
    static final Duration SUBMISSION_WINDOW = Duration.ofSeconds(8);
    /**
     * How long the outcome of a decided order is kept for repeated submissions once the order is out of
     * the book (ADR 0022): longer than the submission window plus the order saga's 10 s, so that every
     * repeat a client can still make in time gets the exact answer. Measured in event timestamps, so a
     * replay forgets exactly what the live market forgot. A change of it is a change of the snapshot's
     * meaning: bump {@link #SNAPSHOT_REVISION}.
     */
    static final Duration OUTCOME_RETENTION = Duration.ofSeconds(30);
    /** Initial engine pools; the engine grows them when a book gets bigger. */
    private static final int EXPECTED_ORDERS = 1024;
    private static final int EXPECTED_LEVELS = 128;
    private static final long NO_TRADE_YET = 0;

    @AggregateIdentifier
    private MarketId marketId;
    private MarketSpec spec;
    private boolean halted;
    private EngineCallbacks callbacks;
    private LimitOrderBook book;
    private long lastEngineOrderId;
    private long tradeSequence;
    private long lastTradePriceTicks = NO_TRADE_YET;
    private final Map<AccountId, Long> engineAccounts = new HashMap<>();
    /** Orders in the engine by engine id: the resting ones, between commands. */
    private final Map<Long, BookOrder> bookOrders = new HashMap<>();
    /** Stop orders waiting for their trigger, by engine id (the trigger order). */
    private final TreeMap<Long, OrderAcceptedByBookEvent> parkedStops = new TreeMap<>();
    /** Engine id of every order resting or parked. */
    private final Map<OrderId, Long> engineIds = new HashMap<>();
    /**
     * The latest outcome of every order still in the book (resting or parked) or decided within
     * {@link #OUTCOME_RETENTION}: what a repeated submission answers.
     */
    private final Map<OrderId, BookOutcome> outcomes = new HashMap<>();
    /** When each order decided within the retention was decided (its first book event), oldest first. */
    private final LinkedHashMap<OrderId, Instant> decisions = new LinkedHashMap<>();
    /** The latest decision whose outcome may have been forgotten; {@code null} while none was. */
    private Instant forgottenUpTo;

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

    /**
     * Decides a submitted order: a repeat answers the recorded outcome; a refused one is recorded as
     * rejected; otherwise it runs through the engine (or is parked, for a stop order), and any stop
     * orders the resulting trades trigger run after it.
     */
    @CommandHandler
    public BookOutcome handle(SubmitOrderCommand command, AssetCatalog assets) {
        BookOutcome known = outcomes.get(command.orderId());
        if (known != null) {
            return known;
        }
        if (mayHaveBeenForgotten(command.placedAt())) {
            // decided here and forgotten, or never submitted: either way late, and nothing to record
            return new BookOutcome(command.orderId(), OrderStatus.PENDING_NEW, null, null, null);
        }
        int quoteScale = assets.scaleOf(spec.quote().code());
        ErrorCode refusal = refusal(command, quoteScale);
        List<TradeExecutedEvent> trades = new ArrayList<>();
        if (refusal != null) {
            apply(new OrderRejectedByBookEvent(marketId, command.orderId(), command.accountId(), refusal.name()));
        } else {
            // replaying this market may have left the reports of its last recorded place behind
            callbacks.clear();
            apply(acceptance(command));
            applyEngineReports(quoteScale, trades);
            triggerStops(quoteScale, trades);
        }
        OrderId orderId = command.orderId();
        return outcomes.get(orderId).withFills(trades.stream()
                .filter(trade -> trade.takerOrderId().equals(orderId) || trade.makerOrderId().equals(orderId))
                .map(trade -> BookOutcome.Fill.of(trade, orderId))
                .toList());
    }

    /** @return whether the order was resting or parked and is now canceled */
    @CommandHandler
    public boolean handle(CancelOrderInBookCommand command) {
        Long engineId = engineIds.get(command.orderId());
        if (engineId == null) {
            return false;
        }
        apply(canceled(engineId));
        return true;
    }

    /** @return the orders of the account that were resting or parked here, now canceled, oldest first */
    @CommandHandler
    public CanceledOrders handle(CancelAccountOrdersCommand command) {
        List<Long> ofAccount = engineIds.values().stream()
                .filter(engineId -> command.accountId().equals(accountOf(engineId)))
                .sorted()
                .toList();
        List<OrderId> canceled = new ArrayList<>();
        for (long engineId : ofAccount) {
            OrderLeftBookEvent event = canceled(engineId);
            apply(event);
            canceled.add(event.orderId());
        }
        return new CanceledOrders(canceled);
    }

    private ErrorCode refusal(SubmitOrderCommand command, int quoteScale) {
        OrderTerms terms = command.terms();
        if (halted) {
            return ErrorCode.MARKET_HALTED;
        }
        if (outsideSubmissionWindow(command.placedAt())) {
            return ErrorCode.SUBMISSION_TIMEOUT;
        }
        if (terms.type() == org.exchange.api.order.OrderType.LIMIT_MAKER && wouldTake(terms)) {
            return ErrorCode.WOULD_TAKE;
        }
        if (terms.type() == org.exchange.api.order.OrderType.MARKET
                && !affordable(command.accountId(), terms, command.quoteHold(), quoteScale)) {
            return ErrorCode.INSUFFICIENT_FUNDS;
        }
        if (engineType(terms) == OrderType.MARKET_BY_QUOTE && EngineInputs.quoteBudget(spec, terms) == 0) {
            // cannot buy a single lot at any price: the engine would refuse an empty budget
            return ErrorCode.INVALID_AMOUNT;
        }
        return null;
    }

    /**
     * Whether an order placed at {@code placedAt} may have been decided here and its outcome forgotten:
     * it was placed no later than a submission window after the newest forgotten decision (an order is
     * decided after it is placed; the window's margin covers clocks of two nodes that disagree). Such
     * a submission is always outside the submission window, because outcomes are kept for longer than
     * two windows.
     */
    private boolean mayHaveBeenForgotten(Instant placedAt) {
        return forgottenUpTo != null && placedAt != null && !placedAt.isAfter(forgottenUpTo.plus(SUBMISSION_WINDOW));
    }

    private static boolean outsideSubmissionWindow(Instant placedAt) {
        Instant now = GenericEventMessage.clock.instant();
        return placedAt == null || placedAt.isBefore(now.minus(SUBMISSION_WINDOW));
    }

    /** A post-only order whose price reaches the best opposite price, exactly as the engine judges it. */
    private boolean wouldTake(OrderTerms terms) {
        long price = EngineInputs.priceTicks(spec, terms);
        if (terms.side() == OrderSide.BUY) {
            long bestAsk = book.bestAsk();
            return bestAsk != LimitOrderBook.NO_PRICE && bestAsk <= price;
        }
        long bestBid = book.bestBid();
        return bestBid != LimitOrderBook.NO_PRICE && bestBid >= price;
    }

    /** Only a market buy for a base quantity can cost more than its hold; everything else is covered. */
    private boolean affordable(AccountId account, OrderTerms terms, BigDecimal quoteHold, int quoteScale) {
        if (terms.side() != OrderSide.BUY || terms.quantity() == null) {
            return true;
        }
        if (quoteHold == null) {
            return false;
        }
        Map<Long, Long> ownAsks = ownAskLotsByPrice(account);
        BigDecimal cost = MarketBuyCost.of(book, spec, EngineInputs.quantityLots(spec, terms),
                price -> ownAsks.getOrDefault(price, 0L), quoteScale);
        return cost.compareTo(quoteHold) <= 0;
    }

    private Map<Long, Long> ownAskLotsByPrice(AccountId account) {
        Map<Long, Long> lots = new HashMap<>();
        bookOrders.forEach((engineId, order) -> {
            if (order.side() == Side.SELL && order.accountId().equals(account)) {
                lots.merge(order.priceTicks(), book.remainingQuantity(engineId), Long::sum);
            }
        });
        return lots;
    }

    private OrderAcceptedByBookEvent acceptance(SubmitOrderCommand command) {
        OrderTerms terms = command.terms();
        long engineAccountId = engineAccounts.getOrDefault(command.accountId(), engineAccounts.size() + 1L);
        return new OrderAcceptedByBookEvent(marketId, command.orderId(), command.accountId(), terms,
                lastEngineOrderId + 1, engineAccountId, EngineInputs.priceTicks(spec, terms),
                EngineInputs.quantityLots(spec, terms), EngineInputs.quoteBudget(spec, terms), command.quoteHold());
    }

    /** Applies, in order, the outcome events of what the engine just reported; adds the trades among them to {@code trades}. */
    private void applyEngineReports(int quoteScale, List<TradeExecutedEvent> trades) {
        for (EngineReport report : callbacks.drain()) {
            Object outcome = outcomeOf(report, quoteScale);
            apply(outcome);
            if (outcome instanceof TradeExecutedEvent trade) {
                trades.add(trade);
            }
        }
    }

    private Object outcomeOf(EngineReport report, int quoteScale) {
        return switch (report) {
            case EngineReport.Traded traded -> trade(traded, quoteScale);
            case EngineReport.Filled filled -> leftBook(filled.orderId(), OrderStatus.FILLED, null);
            case EngineReport.Expired expired -> leftBook(expired.orderId(), OrderStatus.EXPIRED, expired.reason().name());
            case EngineReport.Rested rested -> rested(rested);
            case EngineReport.Rejected rejected -> throw new IllegalStateException(
                    "engine refused order " + rejected.orderId() + " (" + rejected.reason() + ") the market had checked");
        };
    }

    /**
     * Triggers, one at a time and oldest first, every parked stop order the last trade price has
     * reached; the trades of one may trigger the next.
     */
    private void triggerStops(int quoteScale, List<TradeExecutedEvent> trades) {
        OrderAcceptedByBookEvent stop;
        while ((stop = nextTriggeredStop()) != null) {
            if (stop.terms().type() == org.exchange.api.order.OrderType.STOP_MARKET
                    && !affordable(stop.accountId(), stop.terms(), stop.quoteHold(), quoteScale)) {
                apply(new OrderLeftBookEvent(marketId, stop.orderId(), stop.accountId(), OrderStatus.EXPIRED,
                        ErrorCode.INSUFFICIENT_FUNDS.name(), OrderFilters.quantity(spec, 0)));
                continue;
            }
            apply(new StopOrderTriggeredEvent(marketId, stop.orderId(), stop.accountId(),
                    OrderFilters.price(spec, lastTradePriceTicks), stop.engineOrderId()));
            applyEngineReports(quoteScale, trades);
        }
    }

    private OrderAcceptedByBookEvent nextTriggeredStop() {
        if (lastTradePriceTicks == NO_TRADE_YET) {
            return null;
        }
        return parkedStops.values().stream().filter(this::triggered).findFirst().orElse(null);
    }

    private boolean triggered(OrderAcceptedByBookEvent stop) {
        long stopTicks = EngineInputs.stopTicks(spec, stop.terms());
        return stop.terms().side() == OrderSide.BUY ? lastTradePriceTicks >= stopTicks : lastTradePriceTicks <= stopTicks;
    }

    private TradeExecutedEvent trade(EngineReport.Traded traded, int quoteScale) {
        BookOrder maker = bookOrders.get(traded.makerOrderId());
        BookOrder taker = bookOrders.get(traded.takerOrderId());
        BigDecimal price = OrderFilters.price(spec, traded.priceTicks());
        BigDecimal quantity = OrderFilters.quantity(spec, traded.quantityLots());
        BigDecimal quoteQuantity = price.multiply(quantity);
        long sequence = tradeSequence + 1;
        return new TradeExecutedEvent(TradeId.of(marketId, sequence), marketId, sequence, price, quantity, quoteQuantity,
                maker.orderId(), maker.accountId(), taker.orderId(), taker.accountId(), orderSide(traded.takerSide()),
                fee(quoteQuantity, spec.makerFeeRate(), quoteScale), fee(quoteQuantity, spec.takerFeeRate(), quoteScale),
                spec.quote());
    }

    /** Fees round down: a hold computed with fees rounded up always covers them. */
    private static BigDecimal fee(BigDecimal quoteQuantity, BigDecimal rate, int quoteScale) {
        return quoteQuantity.multiply(rate).setScale(quoteScale, RoundingMode.DOWN);
    }

    private OrderRestedEvent rested(EngineReport.Rested rested) {
        BookOrder order = bookOrders.get(rested.orderId());
        return new OrderRestedEvent(marketId, order.orderId(), order.accountId(),
                OrderFilters.price(spec, rested.priceTicks()), OrderFilters.quantity(spec, rested.remainingLots()));
    }

    private OrderLeftBookEvent leftBook(long engineId, OrderStatus outcome, String reason) {
        BookOrder order = bookOrders.get(engineId);
        return new OrderLeftBookEvent(marketId, order.orderId(), order.accountId(), outcome, reason,
                OrderFilters.quantity(spec, order.executedLots()));
    }

    private OrderLeftBookEvent canceled(long engineId) {
        if (bookOrders.containsKey(engineId)) {
            return leftBook(engineId, OrderStatus.CANCELED, null);
        }
        OrderAcceptedByBookEvent stop = parkedStops.get(engineId);
        return new OrderLeftBookEvent(marketId, stop.orderId(), stop.accountId(), OrderStatus.CANCELED, null,
                OrderFilters.quantity(spec, 0));
    }

    private AccountId accountOf(long engineId) {
        BookOrder order = bookOrders.get(engineId);
        return order != null ? order.accountId() : parkedStops.get(engineId).accountId();
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

    /** The book's state hash (see {@code OrderBook#stateHash}); equal for equal books. */
    long bookStateHash() {
        return book.stateHash();
    }

    /** The engine ids of orders resting or parked, for comparing a replayed market with a live one. */
    Map<OrderId, Long> engineIdsOfOpenOrders() {
        return Map.copyOf(engineIds);
    }

    Map<AccountId, Long> engineAccountIds() {
        return Map.copyOf(engineAccounts);
    }

    /** This market as a snapshot stores it: the JSON Axon writes for a {@code Market} is this record's. */
    @JsonValue
    MarketSnapshot snapshot() {
        List<MarketSnapshot.RestingOrder> resting = new ArrayList<>(bookOrders.size());
        book.forEachResting((engineId, engineAccountId, side, priceTicks, remainingLots) -> {
            BookOrder order = bookOrders.get(engineId);
            resting.add(new MarketSnapshot.RestingOrder(engineId, order.orderId().value(), order.accountId().value(),
                    engineAccountId, side, priceTicks, remainingLots, order.executedLots()));
        });
        if (resting.size() != bookOrders.size()) {
            throw new IllegalStateException("market " + marketId + ": " + bookOrders.size() + " book orders but "
                    + resting.size() + " resting in the engine; not snapshotted");
        }
        Map<String, Long> accounts = new TreeMap<>();
        engineAccounts.forEach((account, engineId) -> accounts.put(account.value(), engineId));
        List<MarketSnapshot.Outcome> outcomeList = new ArrayList<>(decisions.size());
        decisions.forEach((orderId, decidedAt) -> {
            BookOutcome outcome = outcomes.get(orderId);
            outcomeList.add(new MarketSnapshot.Outcome(orderId.value(), outcome.status(), outcome.reason(),
                    outcome.executedQuantity(), decidedAt));
        });
        return new MarketSnapshot(marketId, spec, halted, lastEngineOrderId, tradeSequence, lastTradePriceTicks,
                accounts, resting, List.copyOf(parkedStops.values()), outcomeList, forgottenUpTo);
    }

    /** The market a snapshot holds, ready for the events after it. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Market restoredFrom(MarketSnapshot snapshot) {
        Market market = new Market();
        market.marketId = snapshot.marketId();
        market.spec = snapshot.spec();
        market.halted = snapshot.halted();
        market.lastEngineOrderId = snapshot.lastEngineOrderId();
        market.tradeSequence = snapshot.tradeSequence();
        market.lastTradePriceTicks = snapshot.lastTradePriceTicks();
        market.callbacks = new EngineCallbacks();
        market.book = new LimitOrderBook(market.callbacks, Math.max(EXPECTED_ORDERS, snapshot.book().size()),
                EXPECTED_LEVELS);
        snapshot.engineAccounts().forEach((account, engineId) -> market.engineAccounts.put(AccountId.of(account), engineId));
        for (MarketSnapshot.RestingOrder order : snapshot.book()) {
            market.book.restoreResting(order.engineOrderId(), order.engineAccountId(), order.side(), order.priceTicks(),
                    order.remainingLots());
            OrderId orderId = OrderId.of(order.orderId());
            market.bookOrders.put(order.engineOrderId(), new BookOrder(orderId, AccountId.of(order.accountId()),
                    order.side(), order.priceTicks(), order.executedLots()));
            market.engineIds.put(orderId, order.engineOrderId());
            market.outcomes.put(orderId, market.openOutcome(orderId, order.executedLots()));
        }
        for (OrderAcceptedByBookEvent stop : snapshot.parkedStops()) {
            market.parkedStops.put(stop.engineOrderId(), stop);
            market.engineIds.put(stop.orderId(), stop.engineOrderId());
            market.outcomes.put(stop.orderId(), market.openOutcome(stop.orderId(), 0));
        }
        for (MarketSnapshot.Outcome outcome : snapshot.outcomes()) {
            OrderId orderId = OrderId.of(outcome.orderId());
            market.outcomes.put(orderId, new BookOutcome(orderId, outcome.status(), outcome.reason(),
                    outcome.executedQuantity(), null));
            market.decisions.put(orderId, outcome.decidedAt());
        }
        market.forgottenUpTo = snapshot.forgottenUpTo();
        return market;
    }

    /**
     * The outcome of an order still in the book, as the event-sourcing handlers leave it: {@code NEW}
     * until it trades, then {@code PARTIALLY_FILLED} with what it executed. A snapshot does not store
     * it for orders decided before the retention; they are derived from the book.
     */
    private BookOutcome openOutcome(OrderId orderId, long executedLots) {
        return new BookOutcome(orderId, executedLots > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW, null,
                OrderFilters.quantity(spec, executedLots), null);
    }

    /** The outcome a repeated submission of this order would answer, for comparing markets. */
    BookOutcome outcomeOf(OrderId orderId) {
        return outcomes.get(orderId);
    }

    @EventSourcingHandler
    void on(MarketOpenedEvent event) {
        marketId = event.marketId();
        spec = event.spec();
        callbacks = new EngineCallbacks();
        book = new LimitOrderBook(callbacks, EXPECTED_ORDERS, EXPECTED_LEVELS);
    }

    @EventSourcingHandler
    void on(MarketHaltedEvent event) {
        halted = true;
    }

    @EventSourcingHandler
    void on(MarketResumedEvent event) {
        halted = false;
    }

    @EventSourcingHandler
    void on(OrderRejectedByBookEvent event, @Timestamp Instant recordedAt) {
        decided(event.orderId(), recordedAt);
        outcomes.put(event.orderId(), new BookOutcome(event.orderId(), OrderStatus.REJECTED, event.reason(),
                OrderFilters.quantity(spec, 0), null));
    }

    @EventSourcingHandler
    void on(OrderAcceptedByBookEvent event, @Timestamp Instant recordedAt) {
        lastEngineOrderId = Math.max(lastEngineOrderId, event.engineOrderId());
        engineAccounts.putIfAbsent(event.accountId(), event.engineAccountId());
        decided(event.orderId(), recordedAt);
        engineIds.put(event.orderId(), event.engineOrderId());
        outcomes.put(event.orderId(), openOutcome(event.orderId(), 0));
        if (isStop(event.terms())) {
            parkedStops.put(event.engineOrderId(), event);
        } else {
            place(event);
        }
    }

    /**
     * Records that an order was decided at {@code decidedAt} (by the event's timestamp), after
     * forgetting the outcomes of orders decided more than {@link #OUTCOME_RETENTION} before it and no
     * longer in the book; one still in the book keeps its outcome until it leaves.
     */
    private void decided(OrderId orderId, Instant decidedAt) {
        Instant cutoff = decidedAt.minus(OUTCOME_RETENTION);
        Iterator<Map.Entry<OrderId, Instant>> oldest = decisions.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<OrderId, Instant> decision = oldest.next();
            if (!decision.getValue().isBefore(cutoff)) {
                break;
            }
            oldest.remove();
            if (forgottenUpTo == null || decision.getValue().isAfter(forgottenUpTo)) {
                forgottenUpTo = decision.getValue();
            }
            if (!engineIds.containsKey(decision.getKey())) {
                outcomes.remove(decision.getKey());
            }
        }
        decisions.put(orderId, decidedAt);
    }

    @EventSourcingHandler
    void on(StopOrderTriggeredEvent event) {
        place(parkedStops.remove(event.engineOrderId()));
    }

    /** Runs the engine on an accepted (or just triggered) order; its reports wait in {@link #callbacks}. */
    private void place(OrderAcceptedByBookEvent accepted) {
        OrderTerms terms = accepted.terms();
        Side side = side(terms.side());
        bookOrders.put(accepted.engineOrderId(),
                new BookOrder(accepted.orderId(), accepted.accountId(), side, accepted.priceTicks(), 0));
        callbacks.clear();
        book.place(accepted.engineOrderId(), accepted.engineAccountId(), side, engineType(terms), accepted.priceTicks(),
                accepted.quantityLots(), accepted.quoteBudget(), EngineInputs.selfTradePrevention(terms.selfTradeMode()));
    }

    @EventSourcingHandler
    void on(TradeExecutedEvent event) {
        tradeSequence = event.sequence();
        lastTradePriceTicks = OrderFilters.ticks(spec, event.price());
        long lots = OrderFilters.lots(spec, event.quantity());
        traded(event.makerOrderId(), lots);
        traded(event.takerOrderId(), lots);
    }

    private void traded(OrderId orderId, long lots) {
        BookOrder order = bookOrders.computeIfPresent(engineIds.get(orderId), (engineId, before) -> before.traded(lots));
        outcomes.put(orderId, openOutcome(orderId, order.executedLots()));
    }

    @EventSourcingHandler
    void on(OrderLeftBookEvent event) {
        Long engineId = engineIds.remove(event.orderId());
        if (parkedStops.remove(engineId) == null) {
            if (event.outcome() == OrderStatus.CANCELED) {
                // the one outcome the engine does not produce itself: replay must cancel it too
                book.cancel(engineId);
            }
            bookOrders.remove(engineId);
        }
        if (decisions.containsKey(event.orderId())) {
            outcomes.put(event.orderId(), new BookOutcome(event.orderId(), event.outcome(), event.reason(),
                    event.executedQuantity(), null));
        } else {
            // decided before the retention, kept while it was in the book
            outcomes.remove(event.orderId());
        }
    }
}
