package org.exchange.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderCancelRequestedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderRejectedEvent;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.api.trade.TradeId;
import org.exchange.api.trade.TradeSettledEvent;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Order, trade and settlement events on the real Kafka topic become the {@code orders}, {@code trades}
 * and {@code balances} rows a trader reads; a duplicate or a stale event changes nothing. The topic
 * has one partition, so an event published later is applied later by each processor: a later event
 * showing up in a table proves that everything before it was processed too.
 */
@SpringBootTest
class OrderReadModelProjectionIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String TOPIC = "it.orders." + UUID.randomUUID();
    private static final MarketId MARKET = MarketId.of("BTC-USDT");
    private static final Asset BTC = Asset.of("BTC");
    private static final Asset USDT = Asset.of("USDT");
    private static final String INDEX_PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final Instant PLACED_AT = Instant.parse("2026-11-21T10:15:30.123456Z");

    @Autowired
    JdbcTemplate database;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    private EventTopic topic;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> TOPIC);
        registry.add("exchange.kafka.event-topic-partitions", () -> "1");
        registry.add("exchange.opensearch.index-prefix", () -> INDEX_PREFIX);
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "projections_orders"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void topic() {
        topic = new EventTopic(COMPONENTS.kafkaBootstrap(), TOPIC, serializer);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @AfterAll
    static void dropIndices() throws Exception {
        // every analytics index this test's events may have created
        String indices = java.util.Arrays.stream(AnalyticsIndex.values())
                .map(index -> INDEX_PREFIX + index.indexName() + "-" + index.version())
                .collect(java.util.stream.Collectors.joining(","));
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(COMPONENTS.openSearchUrl() + "/" + indices
                + "?ignore_unavailable=true")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void anOrderShowsItsLatestStateWhateverIsDeliveredTwiceOrLate() throws Exception {
        AccountId buyer = account();
        OrderId order = OrderId.random();
        DomainEventMessage<?> accepted = order(order, 1, new OrderAcceptedEvent(order, buyer, MARKET));
        DomainEventMessage<?> fill = order(order, 2, fill(order, buyer, "0.40000", "40.00000000", "0.04000000"));
        topic.publish(order(order, 0, placed(order, buyer, "client-1")));
        topic.publish(accepted);
        topic.publish(fill);
        topic.publish(fill);
        topic.publish(accepted);
        topic.publish(order(order, 3, new OrderCancelRequestedEvent(order, buyer, MARKET)));

        await().atMost(Duration.ofSeconds(30)).until(() -> orderRow(order) != null && (boolean) orderRow(order).get("cancel_requested"));
        assertThat(orderRow(order))
                .containsEntry("status", "PARTIALLY_FILLED")
                .containsEntry("filled_quantity", "0.40000")
                .containsEntry("filled_quote_quantity", "40.00000000")
                .containsEntry("fees", "0.04000000")
                .containsEntry("fee_asset", "USDT")
                .containsEntry("last_sequence", 3L);

        topic.publish(order(order, 4, new OrderClosedEvent(order, buyer, MARKET, OrderStatus.CANCELED, null,
                new BigDecimal("0.40000"), new BigDecimal("40.00000000"), new BigDecimal("100.00000000"),
                new BigDecimal("0.04000000"))));
        topic.publish(fill);
        topic.publish(accepted);
        OrderId sentinel = placeAnotherOrder(buyer);

        await().atMost(Duration.ofSeconds(30)).until(() -> orderRow(sentinel) != null);
        assertThat(orderRow(order))
                .containsEntry("status", "CANCELED")
                .containsEntry("average_price", "100.00000000")
                .containsEntry("filled_quantity", "0.40000")
                .containsEntry("last_sequence", 4L);
    }

    @Test
    void aPlacedOrderKeepsItsTermsAndPlacementTime() throws Exception {
        AccountId trader = account();
        OrderId order = OrderId.random();
        topic.publish(order(order, 0, placed(order, trader, "client-7")));
        topic.publish(order(order, 0, placed(order, trader, "client-7")));

        await().atMost(Duration.ofSeconds(30)).until(() -> orderRow(order) != null);
        assertThat(orderRow(order))
                .containsEntry("account_id", trader.value())
                .containsEntry("client_order_id", "client-7")
                .containsEntry("market_id", "BTC-USDT")
                .containsEntry("side", "BUY")
                .containsEntry("type", "LIMIT")
                .containsEntry("time_in_force", "GTC")
                .containsEntry("price", "100.00")
                .containsEntry("quantity", "1.00000")
                .containsEntry("status", "PENDING_NEW")
                .containsEntry("filled_quantity", "0")
                .containsEntry("created_at", PLACED_AT.truncatedTo(ChronoUnit.MICROS));
        assertThat(orderRow(order).get("average_price")).isNull();
        assertThat(orderRow(order).get("quote_quantity")).isNull();
    }

    @Test
    void aRejectedOrderKeepsItsReason() throws Exception {
        AccountId trader = account();
        OrderId order = OrderId.random();
        topic.publish(order(order, 0, placed(order, trader, null)));
        topic.publish(order(order, 1, new OrderRejectedEvent(order, trader, MARKET, "INSUFFICIENT_FUNDS")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(orderRow(order))
                .containsEntry("status", "REJECTED").containsEntry("reason", "INSUFFICIENT_FUNDS"));
    }

    @Test
    void aSettledTradeIsRecordedOnceWithBothSidesAndFees() throws Exception {
        AccountId buyer = account();
        AccountId seller = account();
        TradeId trade = TradeId.of(MARKET, System.nanoTime());
        DomainEventMessage<?> settled = EventTopic.event("Trade", trade.value(), 0, new TradeSettledEvent(trade, MARKET,
                42, new BigDecimal("100.00"), new BigDecimal("0.40000"), new BigDecimal("40.00000000"), OrderId.random(),
                buyer, OrderId.random(), seller, OrderSide.SELL, new BigDecimal("0.04000000"),
                new BigDecimal("0.02000000"), USDT, AccountId.of("fees:BTC-USDT")));
        topic.publish(settled);
        topic.publish(settled);

        await().atMost(Duration.ofSeconds(30)).until(() -> tradeCount(buyer) == 1);
        assertThat(database.queryForMap("select market_id, price::text as price, quantity::text as quantity, "
                        + "quote_quantity::text as quote, seller_account_id, taker_side, buyer_fee::text as buyer_fee, "
                        + "seller_fee::text as seller_fee, fee_asset from trades where trade_id = ?", trade.value()))
                .containsEntry("market_id", "BTC-USDT")
                .containsEntry("price", "100.00")
                .containsEntry("quantity", "0.40000")
                .containsEntry("quote", "40.00000000")
                .containsEntry("seller_account_id", seller.value())
                .containsEntry("taker_side", "SELL")
                .containsEntry("buyer_fee", "0.04000000")
                .containsEntry("seller_fee", "0.02000000")
                .containsEntry("fee_asset", "USDT");
    }

    @Test
    void settlementMovesTheHoldToTheOtherAssetAndPaysTheFeeAccount() throws Exception {
        AccountId buyer = account();
        AccountId fees = AccountId.of("fees:" + UUID.randomUUID().toString().substring(0, 8));
        OrderId order = OrderId.random();
        TradeId trade = TradeId.of(MARKET, System.nanoTime());
        DomainEventMessage<?> reserved = account(buyer, 1, new FundsReservedEvent(buyer, order, USDT,
                new BigDecimal("100.10000000"), new BigDecimal("899.90000000"), new BigDecimal("100.10000000")));
        DomainEventMessage<?> settled = account(buyer, 2, new TradeSettledOnAccountEvent(buyer, trade, order, USDT,
                new BigDecimal("40.04000000"), new BigDecimal("60.06000000"), BTC, new BigDecimal("0.40000000"),
                new BigDecimal("0.40000000"), new BigDecimal("0.04000000")));
        topic.publish(reserved);
        topic.publish(settled);
        topic.publish(settled);
        topic.publish(reserved);
        topic.publish(account(fees, 0, new FeeCollectedEvent(fees, trade, USDT, new BigDecimal("0.06000000"),
                new BigDecimal("0.06000000"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> balance(fees, USDT) != null);
        assertThat(balance(buyer, USDT)).isEqualTo(Map.of("available", "899.90000000", "held", "60.06000000"));
        assertThat(balance(buyer, BTC)).isEqualTo(Map.of("available", "0.40000000", "held", "0.00000000"));
        assertThat(balance(fees, USDT)).isEqualTo(Map.of("available", "0.06000000", "held", "0.00000000"));
    }

    private OrderId placeAnotherOrder(AccountId trader) throws Exception {
        OrderId another = OrderId.random();
        topic.publish(order(another, 0, placed(another, trader, null)));
        return another;
    }

    private static AccountId account() {
        return AccountId.of(UUID.randomUUID().toString());
    }

    private static OrderPlacedEvent placed(OrderId order, AccountId account, String clientOrderId) {
        OrderTerms terms = new OrderTerms(MARKET, OrderSide.BUY, OrderType.LIMIT, TimeInForce.GTC,
                new BigDecimal("100.00"), new BigDecimal("1.00000"), null, null, SelfTradeMode.EXPIRE_TAKER);
        return new OrderPlacedEvent(order, account, clientOrderId, terms, USDT, new BigDecimal("100.10000000"), PLACED_AT);
    }

    private static OrderFillRecordedEvent fill(OrderId order, AccountId account, String filled, String filledQuote,
                                               String fees) {
        return new OrderFillRecordedEvent(order, account, MARKET, TradeId.of(MARKET, 1), Liquidity.TAKER,
                new BigDecimal("100.00"), new BigDecimal(filled), new BigDecimal(filledQuote), new BigDecimal(fees),
                USDT, new BigDecimal(filled), new BigDecimal(filledQuote), new BigDecimal(fees));
    }

    private static DomainEventMessage<?> order(OrderId order, long sequence, Object payload) {
        return EventTopic.event("Order", order.value(), sequence, payload);
    }

    private static DomainEventMessage<?> account(AccountId account, long sequence, Object payload) {
        return EventTopic.event("Account", account.value(), sequence, payload);
    }

    private Map<String, Object> orderRow(OrderId order) {
        return database.query("""
                        select account_id, client_order_id, market_id, side, type, time_in_force, price::text as price,
                               quantity::text as quantity, quote_quantity::text as quote_quantity, status, reason,
                               cancel_requested, filled_quantity::text as filled_quantity,
                               filled_quote_quantity::text as filled_quote_quantity, average_price::text as average_price,
                               fees::text as fees, fee_asset, last_sequence, created_at
                          from orders where order_id = ?""",
                rows -> {
                    if (!rows.next()) {
                        return null;
                    }
                    Map<String, Object> row = new java.util.HashMap<>();
                    for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                        row.put(rows.getMetaData().getColumnLabel(column), rows.getObject(column));
                    }
                    row.put("created_at", rows.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
                    return row;
                }, order.value());
    }

    private long tradeCount(AccountId buyer) {
        return database.queryForObject("select count(*) from trades where buyer_account_id = ?", Long.class, buyer.value());
    }

    private Map<String, Object> balance(AccountId account, Asset asset) {
        return database.query("select available::text, held::text from balances where account_id = ? and asset = ?",
                rows -> rows.next() ? Map.of("available", rows.getString(1), "held", rows.getString(2)) : null,
                account.value(), asset.code());
    }
}
