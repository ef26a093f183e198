package org.exchange.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderCancelRequestedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.api.trade.TradeId;
import org.exchange.api.trade.TradeSettledEvent;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.AnalyticsIndices;
import org.exchange.platform.search.Pseudonyms;
import org.exchange.projection.lag.CommittedPositions;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scripted history on a fresh Kafka topic becomes the documents of the analytics indices (trades,
 * orders, ledger, candles) with exact decimals, pseudonymous accounts, and no change when the whole
 * history is delivered again, even into indices deleted under the running projections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchProjectionIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String TOPIC = "it.search." + UUID.randomUUID();
    private static final String INDEX_PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final List<String> PROCESSORS = List.of("trades-search", "orders-search", "ledger-search", "market-search");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Asset USDT = Asset.of("USDT");
    /**
     * The matches happen in the minute three minutes ago, all events in time order: the Kafka consumer
     * orders what one poll fetched by timestamp, and events older than those published before them
     * stalled its catch-up (docs/pitfalls.md).
     */
    private static final Instant MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);

    private final MarketId market = MarketId.of("S" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-USDT");
    private final AccountId buyer = AccountId.of(UUID.randomUUID().toString());
    private final AccountId seller = AccountId.of(UUID.randomUUID().toString());
    private final OrderId buyOrder = OrderId.random();
    private final OrderId sellOrder = OrderId.random();
    private final List<DomainEventMessage<?>> history = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    CommittedPositions committed;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    AnalyticsIndices indices;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> TOPIC);
        registry.add("exchange.opensearch.index-prefix", () -> INDEX_PREFIX);
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "search"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    void publishHistory() throws Exception {
        // processors that first start on a topic already holding these events replay them, and such a
        // replay stalled here now and then (docs/pitfalls.md): start them on the empty topic
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                        "select count(*) from token_entry where processor_name in (:processors)")
                .param("processors", PROCESSORS).query(Long.class).single() == PROCESSORS.size());
        // three matches: two in the 10:00 minute, one in 10:01
        history.add(executed(1, "100.00", "0.40000", "40.0000000", MINUTE.plusSeconds(10)));
        history.add(executed(2, "101.50", "0.10000", "10.1500000", MINUTE.plusSeconds(40)));
        history.add(executed(3, "99.00", "1.00000", "99.0000000", MINUTE.plusSeconds(65)));
        history.add(settled(1, "100.00", "0.40000", "40.0000000", "0.08000000", "0.04000000"));
        history.add(settled(2, "101.50", "0.10000", "10.1500000", "0.02030000", "0.01015000"));
        // the buyer's order: placed, accepted, two fills, closed
        OrderTerms terms = new OrderTerms(market, OrderSide.BUY, OrderType.LIMIT, TimeInForce.GTC,
                new BigDecimal("102.00"), new BigDecimal("0.50000"), null, null, SelfTradeMode.EXPIRE_TAKER);
        history.add(order(0, new OrderPlacedEvent(buyOrder, buyer, "c-1", terms, USDT, new BigDecimal("51.10200000"),
                MINUTE)));
        history.add(order(1, new OrderAcceptedEvent(buyOrder, buyer, market)));
        history.add(order(2, fill(1, "100.00", "0.40000", "40.0000000", "0.08000000", "0.40000", "40.0000000", "0.08000000")));
        history.add(order(3, fill(2, "101.50", "0.10000", "10.1500000", "0.02030000", "0.50000", "50.1500000", "0.10030000")));
        history.add(order(4, new OrderClosedEvent(buyOrder, buyer, market, OrderStatus.FILLED, null,
                new BigDecimal("0.50000"), new BigDecimal("50.1500000"), new BigDecimal("100.3000000000"),
                new BigDecimal("0.10030000"))));
        // the seller's order: canceled before it traded (an event that changes no status)
        OrderTerms sell = new OrderTerms(market, OrderSide.SELL, OrderType.LIMIT, TimeInForce.GTC,
                new BigDecimal("150.00"), new BigDecimal("1.00000"), null, null, SelfTradeMode.EXPIRE_TAKER);
        history.add(EventTopic.event("Order", sellOrder.value(), 0, new OrderPlacedEvent(sellOrder, seller, "s-1", sell,
                market.base(), new BigDecimal("1.00000000"), MINUTE)));
        history.add(EventTopic.event("Order", sellOrder.value(), 1, new OrderAcceptedEvent(sellOrder, seller, market)));
        history.add(EventTopic.event("Order", sellOrder.value(), 2, new OrderCancelRequestedEvent(sellOrder, seller, market)));
        history.add(EventTopic.event("Order", sellOrder.value(), 3, new OrderClosedEvent(sellOrder, seller, market,
                OrderStatus.CANCELED, null, new BigDecimal("0.00000"), new BigDecimal("0.0000000"), null,
                new BigDecimal("0.00000000"))));
        // the buyer's money: a deposit and a hold
        history.add(EventTopic.event("Account", buyer.value(), 1, new FundsDepositedEvent(buyer, DepositId.random(), USDT,
                new BigDecimal("100.00000000"), new BigDecimal("100.00000000"))));
        history.add(EventTopic.event("Account", buyer.value(), 2, new FundsReservedEvent(buyer, buyOrder, USDT,
                new BigDecimal("51.10200000"), new BigDecimal("48.89800000"), new BigDecimal("51.10200000"))));
        publishAll();
    }

    @AfterAll
    void dropIndices() throws Exception {
        String concrete = Arrays.stream(AnalyticsIndex.values()).map(indices::concreteIndex).collect(Collectors.joining(","));
        http.send(HttpRequest.newBuilder(URI.create(COMPONENTS.openSearchUrl() + "/" + concrete + "?ignore_unavailable=true"))
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void aSettledTradeIsOneDocumentWithExactDecimalsAndPseudonymousParties() throws Exception {
        JsonNode trade = documents(AnalyticsIndex.TRADES).get(market.value() + "-1");

        assertThat(trade.path("market").asText()).isEqualTo(market.value());
        assertThat(trade.path("price").asText()).isEqualTo("100.00");
        assertThat(trade.path("priceUnits").asLong()).isEqualTo(10_000_000_000L);
        assertThat(trade.path("quantity").asText()).isEqualTo("0.40000");
        assertThat(trade.path("quantityUnits").asLong()).isEqualTo(40_000_000L);
        assertThat(trade.path("quoteQuantity").asText()).isEqualTo("40.0000000");
        assertThat(trade.path("quoteQuantityUnits").asLong()).isEqualTo(4_000_000_000L);
        assertThat(trade.path("fees").asText()).isEqualTo("0.12000000");
        assertThat(trade.path("feesUnits").asLong()).isEqualTo(12_000_000L);
        assertThat(trade.path("feeAsset").asText()).isEqualTo("USDT");
        assertThat(trade.path("takerSide").asText()).isEqualTo("BUY");
        assertThat(trade.path("buyerAccount").asText()).isEqualTo(pseudonyms.of(buyer.value())).hasSize(64);
        assertThat(trade.path("sellerAccount").asText()).isEqualTo(pseudonyms.of(seller.value()));
        assertThat(trade.toString()).doesNotContain(buyer.value()).doesNotContain(seller.value());
    }

    @Test
    void anOrderIsOneDocumentThatEndsInItsFinalState() throws Exception {
        JsonNode order = documents(AnalyticsIndex.ORDERS).get(buyOrder.value());

        assertThat(order.path("status").asText()).isEqualTo("FILLED");
        assertThat(order.path("lastSequence").asLong()).isEqualTo(4);
        assertThat(order.path("market").asText()).isEqualTo(market.value());
        assertThat(order.path("price").asText()).isEqualTo("102.00");
        assertThat(order.path("filledQuantity").asText()).isEqualTo("0.50000");
        assertThat(order.path("filledQuantityUnits").asLong()).isEqualTo(50_000_000L);
        assertThat(order.path("filledQuoteQuantity").asText()).isEqualTo("50.1500000");
        assertThat(order.path("fees").asText()).isEqualTo("0.10030000");
        assertThat(order.path("averagePrice").asText()).isEqualTo("100.3000000000");
        assertThat(order.path("cancelRequested").asBoolean(true)).isFalse();
        assertThat(order.path("account").asText()).isEqualTo(pseudonyms.of(buyer.value()));
    }

    @Test
    void aCanceledOrderKeepsItsCancelRequestAndFinalStatus() throws Exception {
        JsonNode order = documents(AnalyticsIndex.ORDERS).get(sellOrder.value());

        assertThat(order.path("status").asText()).as(order.toString()).isEqualTo("CANCELED");
        assertThat(order.path("cancelRequested").asBoolean(false)).as(order.toString()).isTrue();
        assertThat(order.path("side").asText()).isEqualTo("SELL");
        assertThat(order.path("filledQuantityUnits").asLong(-1)).isZero();
        assertThat(order.path("averagePrice").isNull()).isTrue();
        assertThat(order.path("lastSequence").asLong()).isEqualTo(3);
    }

    @Test
    void everyPostingOfAnEventIsALedgerDocumentKeyedByEventAndLeg() throws Exception {
        Map<String, JsonNode> ledger = documents(AnalyticsIndex.LEDGER);
        String deposit = history.get(14).getIdentifier();
        String reservation = history.get(15).getIdentifier();

        assertThat(ledger).containsOnlyKeys(deposit + ":0", deposit + ":1", reservation + ":0", reservation + ":1");
        assertThat(ledger.get(deposit + ":0").path("account").asText()).isEqualTo(pseudonyms.of(buyer.value()));
        assertThat(ledger.get(deposit + ":0").path("amount").asText()).isEqualTo("100.00000000");
        assertThat(ledger.get(deposit + ":1").path("account").asText()).isEqualTo("external:deposits");
        assertThat(ledger.get(deposit + ":1").path("amountUnits").asLong()).isEqualTo(-10_000_000_000L);
        assertThat(ledger.get(reservation + ":1").path("bucket").asText()).isEqualTo("HELD");
        assertThat(ledger.get(reservation + ":1").path("balanceAfter").asText()).isEqualTo("51.10200000");
        assertThat(ledger.get(reservation + ":1").path("balanceAfterUnits").asLong()).isEqualTo(5_110_200_000L);
        assertThat(ledger.values().stream().mapToLong(posting -> posting.path("amountUnits").asLong()).sum())
                .as("the legs of every event sum to zero").isZero();
    }

    @Test
    void tradesMakeOneMinuteCandles() throws Exception {
        Map<String, JsonNode> candles = documents(AnalyticsIndex.CANDLES);
        JsonNode first = candles.get(market.value() + ":" + MINUTE.toEpochMilli());
        JsonNode second = candles.get(market.value() + ":" + MINUTE.plusSeconds(60).toEpochMilli());

        assertThat(candles).hasSize(2);
        assertThat(first.path("openTime").asText()).isEqualTo(MINUTE.toString());
        assertThat(first.path("closeTime").asText()).isEqualTo(MINUTE.plusSeconds(60).minusMillis(1).toString());
        assertThat(List.of(first.path("open").asText(), first.path("high").asText(), first.path("low").asText(),
                first.path("close").asText())).containsExactly("100.00", "101.50", "100.00", "101.50");
        assertThat(first.path("volume").asText()).isEqualTo("0.50000");
        assertThat(first.path("volumeUnits").asLong()).isEqualTo(50_000_000L);
        assertThat(first.path("quoteVolume").asText()).isEqualTo("50.1500000");
        assertThat(first.path("quoteVolumeUnits").asLong()).isEqualTo(5_015_000_000L);
        assertThat(first.path("tradeCount").asLong()).isEqualTo(2);
        assertThat(second.path("tradeCount").asLong()).isEqualTo(1);
        assertThat(second.path("open").asText()).isEqualTo("99.00");
    }

    @Test
    void deliveringTheWholeHistoryAgainChangesNoDocument() throws Exception {
        Map<AnalyticsIndex, Map<String, JsonNode>> before = new HashMap<>();
        for (AnalyticsIndex index : AnalyticsIndex.values()) {
            before.put(index, documents(index));
        }

        publishAll();

        for (AnalyticsIndex index : AnalyticsIndex.values()) {
            assertThat(documents(index)).as(index.indexName()).isEqualTo(before.get(index));
        }
    }

    /** Last: it deletes the indices under the running projections. */
    @Test
    @Order(Integer.MAX_VALUE)
    void deletedIndicesComeBackWithTheirMappingsAndTheSameDocumentsWhenTheHistoryIsDeliveredAgain() throws Exception {
        Map<AnalyticsIndex, Map<String, JsonNode>> before = new HashMap<>();
        for (AnalyticsIndex index : AnalyticsIndex.values()) {
            before.put(index, documents(index));
        }
        dropIndices();

        publishAll();

        for (AnalyticsIndex index : AnalyticsIndex.values()) {
            assertThat(documents(index)).as(index.indexName()).isEqualTo(before.get(index));
            JsonNode mapping = openSearch("GET", "/" + indices.alias(index) + "/_mapping");
            assertThat(mapping.fieldNames()).toIterable().as("the alias names the versioned index, not a guessed one")
                    .containsExactly(indices.concreteIndex(index));
            assertThat(mapping.path(indices.concreteIndex(index)).path("mappings").path("dynamic").asText()).isEqualTo("strict");
        }
    }

    private void publishAll() throws Exception {
        List<RecordMetadata> published = new ArrayList<>();
        try (EventTopic topic = new EventTopic(COMPONENTS.kafkaBootstrap(), TOPIC, eventSerializer)) {
            for (DomainEventMessage<?> event : history) {
                published.add(topic.publish(event));
            }
        }
        for (String processor : PROCESSORS) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(committed.of(processor))
                    .as(processor + " has applied every record (its token is stored after its bulk request)").satisfies(positions -> assertThat(published)
                            .allMatch(record -> positions.getOrDefault(new TopicPartition(record.topic(),
                                    record.partition()), -1L) >= record.offset())));
        }
        http.send(HttpRequest.newBuilder(URI.create(COMPONENTS.openSearchUrl() + "/" + INDEX_PREFIX + "*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private JsonNode openSearch(String method, String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(COMPONENTS.openSearchUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Every document of the index by id (this test's index prefix holds nothing else). */
    private Map<String, JsonNode> documents(AnalyticsIndex index) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(COMPONENTS.openSearchUrl() + "/" + indices.alias(index)
                        + "/_search?size=1000"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"match_all\":{}}}")).build();
        JsonNode hits = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("hits").path("hits");
        Map<String, JsonNode> documents = new TreeMap<>();
        hits.forEach(hit -> documents.put(hit.path("_id").asText(), hit.path("_source")));
        return documents;
    }

    private DomainEventMessage<?> executed(long sequence, String price, String quantity, String quote, Instant at) {
        TradeExecutedEvent event = new TradeExecutedEvent(TradeId.of(market, sequence), market, sequence,
                new BigDecimal(price), new BigDecimal(quantity), new BigDecimal(quote), sellOrder, seller, buyOrder, buyer,
                OrderSide.BUY, new BigDecimal("0.00000001"), new BigDecimal("0.00000002"), USDT);
        return new GenericDomainEventMessage<>("Market", market.value(), 10 + sequence, event, Map.of(),
                UUID.randomUUID().toString(), at);
    }

    private DomainEventMessage<?> settled(long sequence, String price, String quantity, String quote, String buyerFee,
                                          String sellerFee) {
        TradeId trade = TradeId.of(market, sequence);
        return EventTopic.event("Trade", trade.value(), 1, new TradeSettledEvent(trade, market, sequence,
                new BigDecimal(price), new BigDecimal(quantity), new BigDecimal(quote), buyOrder, buyer, sellOrder, seller,
                OrderSide.BUY, new BigDecimal(buyerFee), new BigDecimal(sellerFee), USDT,
                AccountId.of("fees-" + market.value())));
    }

    private DomainEventMessage<?> order(long sequence, Object event) {
        return EventTopic.event("Order", buyOrder.value(), sequence, event);
    }

    private OrderFillRecordedEvent fill(long trade, String price, String quantity, String quote, String fee,
                                        String filled, String filledQuote, String fees) {
        return new OrderFillRecordedEvent(buyOrder, buyer, market, TradeId.of(market, trade), Liquidity.TAKER,
                new BigDecimal(price), new BigDecimal(quantity), new BigDecimal(quote), new BigDecimal(fee), USDT,
                new BigDecimal(filled), new BigDecimal(filledQuote), new BigDecimal(fees));
    }
}
