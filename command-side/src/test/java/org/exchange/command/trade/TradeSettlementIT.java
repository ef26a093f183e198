package org.exchange.command.trade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.DepositFundsCommand;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.HoldResult;
import org.exchange.api.account.ReserveFundsCommand;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.AcceptOrderCommand;
import org.exchange.api.order.CloseOrderCommand;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.PlaceOrderCommand;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.api.trade.SettleTradeCommand;
import org.exchange.api.trade.TradeId;
import org.exchange.command.EventStoreBalances;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settlement of one trade against the real PostgreSQL event store: all postings, the fee, both fills
 * and the trade's record commit in one database transaction or not at all; a repeat changes nothing;
 * money is conserved.
 */
@SpringBootTest
class TradeSettlementIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final MarketId BTC_USDT = MarketId.of("BTC-USDT");
    private static final Asset BTC = Asset.of("BTC");
    private static final Asset USDT = Asset.of("USDT");
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate database;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.settlement." + UUID.randomUUID());
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "settlement"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    /** A buyer holding 50.10 USDT for a 0.5 BTC buy at 100, a seller holding 0.3 BTC for a 0.3 sell. */
    private record Traders(AccountId buyer, OrderId buy, AccountId seller, OrderId sell) {
    }

    private Traders tradersWithOpenOrders(boolean placeTheBuy) {
        AccountId buyer = AccountId.of("buyer-" + UUID.randomUUID());
        AccountId seller = AccountId.of("seller-" + UUID.randomUUID());
        deposit(buyer, USDT, "1000.00000000");
        deposit(seller, BTC, "2.00000000");
        OrderId buy = OrderId.forClient(buyer, "b-1");
        OrderId sell = OrderId.forClient(seller, "s-1");
        if (placeTheBuy) {
            openOrder(buy, buyer, OrderSide.BUY, "0.50000", USDT, "50.10000000");
        }
        openOrder(sell, seller, OrderSide.SELL, "0.30000", BTC, "0.30000");
        return new Traders(buyer, buy, seller, sell);
    }

    private void deposit(AccountId account, Asset asset, String amount) {
        commands.sendAndWait(new DepositFundsCommand(account, "owner", DepositId.random(), asset, new BigDecimal(amount)));
    }

    private void openOrder(OrderId order, AccountId account, OrderSide side, String quantity, Asset holdAsset,
                           String hold) {
        OrderTerms terms = new OrderTerms(BTC_USDT, side, OrderType.LIMIT, TimeInForce.GTC, new BigDecimal("100.00"),
                new BigDecimal(quantity), null, null, SelfTradeMode.EXPIRE_TAKER);
        commands.sendAndWait(new PlaceOrderCommand(order, account, "c", terms, holdAsset, new BigDecimal(hold)));
        HoldResult held = commands.sendAndWait(new ReserveFundsCommand(account, order, holdAsset, new BigDecimal(hold)));
        assertThat(held.reserved()).isTrue();
        commands.sendAndWait(new AcceptOrderCommand(order));
    }

    /** The buy arrives (taker, 0.2 % fee) and takes 0.3 BTC from the resting sell (maker, 0.1 %) at 100. */
    private static TradeExecutedEvent tradeBetween(Traders traders) {
        long sequence = SEQUENCE.incrementAndGet();
        return new TradeExecutedEvent(TradeId.of(BTC_USDT, sequence), BTC_USDT, sequence, new BigDecimal("100.00"),
                new BigDecimal("0.30000"), new BigDecimal("30.0000000"), traders.sell(), traders.seller(),
                traders.buy(), traders.buyer(), OrderSide.BUY, new BigDecimal("0.03000000"),
                new BigDecimal("0.06000000"), USDT);
    }

    private boolean settle(TradeExecutedEvent trade) {
        return commands.sendAndWait(new SettleTradeCommand(BTC_USDT, trade));
    }

    @Test
    void aTradeIsSettledInOneTransactionWithExactAmountsAndConservesEveryAsset() throws Exception {
        Traders traders = tradersWithOpenOrders(true);
        commands.sendAndWait(new CloseOrderCommand(traders.sell(), OrderStatus.FILLED, null, new BigDecimal("0.30000")));
        TradeExecutedEvent trade = tradeBetween(traders);
        Set<AccountId> accounts = Set.of(traders.buyer(), traders.seller(), TradeSettlementHandler.feeAccountOf(BTC_USDT));
        long mark = lastPosition();
        Map<Asset, BigDecimal> before = totals(accounts, mark);

        assertThat(settle(trade)).isTrue();

        List<Map<String, Object>> stored = eventsAfter(mark);
        // the fee account is opened by the first fee of this test class, whichever test pays it
        assertThat(stored).extracting(row -> simpleName(row)).filteredOn(type -> !type.equals("AccountOpenedEvent"))
                .containsExactlyInAnyOrder("TradeSettledEvent", "TradeSettledOnAccountEvent",
                        "TradeSettledOnAccountEvent", "FeeCollectedEvent", "OrderFillRecordedEvent",
                        "OrderFillRecordedEvent", "OrderClosedEvent");
        assertThat(database.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = "
                + "'fees:BTC-USDT' and payload_type like '%AccountOpenedEvent'", Long.class)).isEqualTo(1);
        assertThat(stored).extracting(row -> row.get("xmin").toString()).as("one database transaction")
                .containsOnly(stored.getFirst().get("xmin").toString());

        JsonNode buyer = payload(stored, "TradeSettledOnAccountEvent", traders.buyer().value());
        assertThat(buyer.path("debitAsset").asText()).isEqualTo("USDT");
        assertThat(buyer.path("debitAmount").asText()).isEqualTo("30.06000000");
        assertThat(buyer.path("debitHeldAfter").asText()).isEqualTo("20.04000000");
        assertThat(buyer.path("creditAmount").asText()).isEqualTo("0.30000000");
        JsonNode seller = payload(stored, "TradeSettledOnAccountEvent", traders.seller().value());
        assertThat(seller.path("debitAmount").asText()).isEqualTo("0.30000000");
        assertThat(seller.path("debitHeldAfter").asText()).isEqualTo("0.00000000");
        assertThat(seller.path("creditAsset").asText()).isEqualTo("USDT");
        assertThat(seller.path("creditAmount").asText()).isEqualTo("29.97000000");
        assertThat(payload(stored, "FeeCollectedEvent", "fees:BTC-USDT").path("amount").asText()).isEqualTo("0.09000000");
        assertThat(payload(stored, "OrderFillRecordedEvent", traders.buy().value()).path("liquidity").asText())
                .isEqualTo("TAKER");
        JsonNode sellFill = payload(stored, "OrderFillRecordedEvent", traders.sell().value());
        assertThat(sellFill.path("liquidity").asText()).isEqualTo("MAKER");
        assertThat(sellFill.path("fee").asText()).isEqualTo("0.03000000");
        JsonNode sellClosed = payload(stored, "OrderClosedEvent", traders.sell().value());
        assertThat(sellClosed.path("status").asText()).isEqualTo("FILLED");
        assertThat(sellClosed.path("averagePrice").asText()).isEqualTo("100.0000000000");

        Map<Asset, BigDecimal> after = totals(accounts, lastPosition());
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((asset, total) -> assertThat(after.get(asset)).as(asset.code()).isEqualByComparingTo(total));
    }

    @Test
    void settlingTheSameTradeAgainChangesNothing() {
        Traders traders = tradersWithOpenOrders(true);
        TradeExecutedEvent trade = tradeBetween(traders);
        assertThat(settle(trade)).isTrue();
        long mark = lastPosition();

        assertThat(settle(trade)).isFalse();

        assertThat(eventsAfter(mark)).isEmpty();
    }

    @Test
    void whenTheLastStepFailsNothingOfTheSettlementIsStoredAndARetrySettlesIt() {
        Traders traders = tradersWithOpenOrders(false);
        TradeExecutedEvent trade = tradeBetween(traders);
        long mark = lastPosition();

        assertThatThrownBy(() -> settle(trade)).as("the taker's order does not exist");

        assertThat(eventsAfter(mark)).isEmpty();
        openOrder(traders.buy(), traders.buyer(), OrderSide.BUY, "0.50000", USDT, "50.10000000");
        long beforeRetry = lastPosition();
        assertThat(settle(trade)).isTrue();
        assertThat(eventsAfter(beforeRetry)).extracting(row -> simpleName(row)).contains("TradeSettledEvent",
                "FeeCollectedEvent").filteredOn("TradeSettledOnAccountEvent"::equals).hasSize(2);
    }

    private long lastPosition() {
        return database.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
    }

    private List<Map<String, Object>> eventsAfter(long position) {
        return database.queryForList("select global_index, xmin, aggregate_identifier, payload_type, "
                + "convert_from(payload, 'UTF8') as payload from domain_event_entry where global_index > ? "
                + "order by global_index", position);
    }

    private static String simpleName(Map<String, Object> row) {
        String type = (String) row.get("payload_type");
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static JsonNode payload(List<Map<String, Object>> rows, String type, String aggregate) throws Exception {
        for (Map<String, Object> row : rows) {
            if (simpleName(row).equals(type) && row.get("aggregate_identifier").equals(aggregate)) {
                return JSON.readTree((String) row.get("payload"));
            }
        }
        throw new AssertionError("no " + type + " of " + aggregate + " in " + rows);
    }

    /** Σ (available + held) per asset over the accounts, from the balances their events carry up to a position. */
    private Map<Asset, BigDecimal> totals(Set<AccountId> accounts, long upTo) {
        Map<Asset, BigDecimal> totals = new HashMap<>();
        EventStoreBalances.of(database, accounts, upTo)
                .forEach((key, amount) -> totals.merge(Asset.of(key.split("/")[1]), amount, BigDecimal::add));
        return totals;
    }
}
