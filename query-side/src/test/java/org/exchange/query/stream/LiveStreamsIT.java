package org.exchange.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.query.ReadModelDatabase;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchange.query.stream.StreamClient.onChannel;

/**
 * Order book depth and live streams, fed from a real Kafka topic of this test's own (written in the
 * publisher's format), with real Keycloak tokens. Part of the history is on the topic before the
 * service starts (it must catch up from the beginning), the rest arrives live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "exchange.streams.depth-batch=50ms", "exchange.streams.ticker-interval=100ms"})
class LiveStreamsIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "streams");
    /** Held from creation on: another test JVM's sweep drops {@code it_} databases nobody is connected to. */
    private static final SingleConnectionDataSource OWNER = ReadModelDatabase.connected(COMPONENTS, DATABASE);
    private static final EventTopic TOPIC = new EventTopic(COMPONENTS.kafkaBootstrap(), "it-streams-" + UUID.randomUUID());
    private static final MarketEvents BTC = new MarketEvents(TOPIC, "BTC-USDT");
    private static final MarketEvents ETH = new MarketEvents(TOPIC, "ETH-USDT");
    private static final MarketId BTC_USDT = MarketId.of("BTC-USDT");
    private static final OrderId BID_50000;
    private static final OrderId BID_49990;

    static {
        // history the service reads before it is ready
        BTC.open();
        BID_50000 = BTC.rest("a1", OrderSide.BUY, "50000.00", "0.010");
        BID_49990 = BTC.rest("a1", OrderSide.BUY, "49990.00", "0.020");
        BTC.rest("a2", OrderSide.SELL, "50010.00", "0.005");
        BTC.rest("a2", OrderSide.SELL, "50010.00", "0.007");
        ETH.open();
    }

    private static String alice;
    private static String aliceToken;
    private static String bob;
    private static String bobToken;
    /** Only the redelivery test's: its account's sequence numbers must not meet another test's. */
    private static String carol;
    private static String carolToken;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("exchange.events.bootstrap-servers", COMPONENTS::kafkaBootstrap);
        registry.add("exchange.events.topic", TOPIC::name);
    }

    @BeforeAll
    static void users() {
        String aliceName = KEYCLOAK.createUser("it-alice", "trader");
        String bobName = KEYCLOAK.createUser("it-bob", "trader");
        alice = KEYCLOAK.userId(aliceName);
        bob = KEYCLOAK.userId(bobName);
        aliceToken = KEYCLOAK.token(aliceName, aliceName);
        bobToken = KEYCLOAK.token(bobName, bobName);
        String carolName = KEYCLOAK.createUser("it-carol", "trader");
        carol = KEYCLOAK.userId(carolName);
        carolToken = KEYCLOAK.token(carolName, carolName);
    }

    @AfterAll
    static void closeTopic() {
        TOPIC.close();
    }

    @Test
    void depthShowsTheHistoryAndDiffsBringASnapshotUpToTheLaterBook() {
        JsonNode start = readyDepth("BTC-USDT", "");
        assertThat(start.path("sequence").asLong()).isEqualTo(BTC.sequence());
        assertThat(start.path("bids").toString()).isEqualTo("[[\"50000.00\",\"0.010\"],[\"49990.00\",\"0.020\"]]");
        assertThat(start.path("asks").toString()).isEqualTo("[[\"50010.00\",\"0.012\"]]");

        try (StreamClient client = stream(null)) {
            client.subscribe("depth:BTC-USDT");
            assertThat(client.nextOp("subscribed").path("channels").toString()).isEqualTo("[\"depth:BTC-USDT\"]");
            JsonNode snapshot = depth("BTC-USDT", "");

            OrderId bid = BTC.rest("a3", OrderSide.BUY, "50000.00", "0.005");
            OrderId seller = BTC.accept("a4", OrderSide.SELL, "49000.00", "0.012");
            BTC.trade(BID_50000, seller, "50000.00", "0.010").left(BID_50000, OrderStatus.FILLED)
                    .trade(bid, seller, "50000.00", "0.002").left(seller, OrderStatus.FILLED);
            BTC.haltAndResume();
            BTC.left(BID_49990, OrderStatus.CANCELED);
            long last = BTC.sequence();

            List<JsonNode> diffs = new ArrayList<>();
            JsonNode diff;
            do {
                diff = client.next(onChannel("depth:BTC-USDT"), Duration.ofSeconds(10)).path("data");
                diffs.add(diff);
            } while (diff.path("lastSequence").asLong() < last);

            JsonNode later = depth("BTC-USDT", "");
            assertThat(later.path("sequence").asLong()).isEqualTo(last);
            assertThat(later.path("bids").toString()).isEqualTo("[[\"50000.00\",\"0.003\"]]");
            assertThat(later.path("asks").toString()).isEqualTo("[[\"50010.00\",\"0.012\"]]");
            assertThat(BookCopy.rebuilt(snapshot, diffs, BookCopy.Fields.NATIVE)).isEqualTo(BookCopy.levels(later));
            for (int i = 1; i < diffs.size(); i++) {
                assertThat(diffs.get(i).path("firstSequence").asLong())
                        .isEqualTo(diffs.get(i - 1).path("lastSequence").asLong() + 1);
            }
        }
    }

    @Test
    void aClientSeesEveryTradeInOrderAndCandlesAndTickerCarryTheirSums() {
        readyDepth("ETH-USDT", "");
        try (StreamClient client = stream(null)) {
            client.subscribe("trades:ETH-USDT", "candles:ETH-USDT:1m", "ticker:ETH-USDT");
            assertThat(client.nextOp("subscribed").path("channels")).hasSize(3);

            Instant t0 = Instant.parse("2026-11-21T10:00:05.250Z");
            ETH.at(t0);
            OrderId ask1 = ETH.rest("m1", OrderSide.SELL, "3000.00", "1.000");
            OrderId ask2 = ETH.rest("m1", OrderSide.SELL, "3001.50", "1.000");
            OrderId taker = ETH.accept("t1", OrderSide.BUY, "3002.00", "1.600");
            ETH.trade(ask1, taker, "3000.00", "0.500").at(t0.plusSeconds(10))
                    .trade(ask1, taker, "3000.00", "0.500").left(ask1, OrderStatus.FILLED)
                    .at(t0.plusSeconds(20)).trade(ask2, taker, "3001.50", "0.600").left(taker, OrderStatus.FILLED);

            List<JsonNode> trades = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                trades.add(client.next(onChannel("trades:ETH-USDT"), Duration.ofSeconds(10)).path("data"));
            }
            assertThat(trades).extracting(trade -> trade.path("sequence").asLong()).containsExactly(1L, 2L, 3L);
            JsonNode first = trades.getFirst();
            assertThat(first.path("tradeId").asText()).isEqualTo("ETH-USDT-1");
            assertThat(first.path("market").asText()).isEqualTo("ETH-USDT");
            assertThat(first.path("price").asText()).isEqualTo("3000.00");
            assertThat(first.path("quantity").asText()).isEqualTo("0.500");
            assertThat(first.path("quoteQuantity").asText()).isEqualTo("1500.00000");
            assertThat(first.path("takerSide").asText()).isEqualTo("BUY");
            assertThat(first.path("executedAt").asText()).isEqualTo("2026-11-21T10:00:05.250Z");

            JsonNode candle = lastWith(client, "candles:ETH-USDT:1m", 3);
            assertThat(candle.path("interval").asText()).isEqualTo("1m");
            assertThat(candle.path("openTime").asText()).isEqualTo("2026-11-21T10:00:00Z");
            assertThat(candle.path("closeTime").asText()).isEqualTo("2026-11-21T10:00:59.999Z");
            assertThat(candle.path("open").asText()).isEqualTo("3000.00");
            assertThat(candle.path("high").asText()).isEqualTo("3001.50");
            assertThat(candle.path("low").asText()).isEqualTo("3000.00");
            assertThat(candle.path("close").asText()).isEqualTo("3001.50");
            assertThat(candle.path("volume").asText()).isEqualTo("1.600");
            assertThat(candle.path("quoteVolume").asText()).isEqualTo("4800.90000");

            JsonNode ticker = lastWith(client, "ticker:ETH-USDT", 3);
            assertThat(ticker.path("open").asText()).isEqualTo("3000.00");
            assertThat(ticker.path("high").asText()).isEqualTo("3001.50");
            assertThat(ticker.path("low").asText()).isEqualTo("3000.00");
            assertThat(ticker.path("last").asText()).isEqualTo("3001.50");
            assertThat(ticker.path("volume").asText()).isEqualTo("1.600");
            assertThat(ticker.path("quoteVolume").asText()).isEqualTo("4800.90000");
            assertThat(ticker.path("closeTime").asText()).isEqualTo("2026-11-21T10:00:25.250Z");
            assertThat(ticker.path("openTime").asText()).isEqualTo("2026-11-20T10:00:26Z");
        }
    }

    @Test
    void aTraderSeesOnlyTheirOwnOrdersAndBalancesAndNoTokenMeansNone() {
        try (StreamClient aliceStream = stream(null); StreamClient bobStream = stream(bobToken);
             StreamClient anonymous = stream(null)) {
            aliceStream.send("{\"op\":\"auth\",\"token\":\"" + aliceToken + "\"}");
            assertThat(aliceStream.nextOp("authenticated").path("user").asText()).startsWith("it-alice");
            aliceStream.subscribe("orders", "balances");
            assertThat(aliceStream.nextOp("subscribed").path("channels")).hasSize(2);
            bobStream.subscribe("orders", "balances");
            assertThat(bobStream.nextOp("subscribed").path("channels")).hasSize(2);

            anonymous.subscribe("orders");
            JsonNode refused = anonymous.nextOp("error");
            assertThat(refused.path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(refused.path("channel").asText()).isEqualTo("orders");
            anonymous.send("{\"op\":\"auth\",\"token\":\"" + aliceToken.substring(0, aliceToken.length() - 4) + "abcd\"}");
            assertThat(anonymous.nextOp("error").path("code").asText()).isEqualTo("UNAUTHENTICATED");
            anonymous.subscribe("balances");
            assertThat(anonymous.nextOp("error").path("code").asText()).isEqualTo("UNAUTHENTICATED");

            deposit(bob, "USDT", "700.00", "700.00", 0);
            OrderId bobsOrder = place(bob, "b-1", 0);
            deposit(alice, "USDT", "1000.00", "1000.00", 0);
            OrderId alicesOrder = place(alice, "a-1", 0);

            JsonNode balance = aliceStream.next(onChannel("balances"), Duration.ofSeconds(10)).path("data");
            assertThat(balance.path("asset").asText()).isEqualTo("USDT");
            assertThat(balance.path("bucket").asText()).isEqualTo("AVAILABLE");
            assertThat(balance.path("balance").asText()).isEqualTo("1000.00");
            assertThat(balance.path("change").asText()).isEqualTo("1000.00");
            assertThat(balance.path("reason").asText()).isEqualTo("DEPOSIT");
            JsonNode order = aliceStream.next(onChannel("orders"), Duration.ofSeconds(10)).path("data");
            assertThat(order.path("orderId").asText()).isEqualTo(alicesOrder.value());
            assertThat(order.path("clientOrderId").asText()).isEqualTo("a-1");
            assertThat(order.path("status").asText()).isEqualTo("PENDING_NEW");
            assertThat(order.path("event").asText()).isEqualTo("PLACED");
            assertThat(bobStream.next(onChannel("orders"), Duration.ofSeconds(10)).path("data").path("orderId").asText())
                    .isEqualTo(bobsOrder.value());

            assertThat(aliceStream.drain(Duration.ofMillis(300)).toString()).doesNotContain(bobsOrder.value(), "700.00");
            assertThat(bobStream.drain(Duration.ZERO).toString()).doesNotContain(alicesOrder.value(), "1000.00");
            assertThat(anonymous.drain(Duration.ZERO).toString()).doesNotContain(alicesOrder.value(), bobsOrder.value());
        }
    }

    @Test
    void aMarketsHistoryDeliveredAgainIsNotStreamedAgainAndTheBookStaysRight() {
        MarketEvents sol = new MarketEvents(TOPIC, "SOL-USDT");
        sol.open();
        readyDepth("SOL-USDT", "");
        try (StreamClient client = stream(null)) {
            client.subscribe("trades:SOL-USDT", "depth:SOL-USDT");
            assertThat(client.nextOp("subscribed").path("channels")).hasSize(2);
            JsonNode snapshot = depth("SOL-USDT", "");
            OrderId ask = sol.rest("s1", OrderSide.SELL, "20.00", "1.000");
            OrderId taker = sol.accept("b1", OrderSide.BUY, "20.00", "0.400");
            sol.trade(ask, taker, "20.00", "0.400").left(taker, OrderStatus.FILLED);

            // the publisher lost its token: the market's whole history again, after the later events
            sol.republishFrom(0);
            OrderId second = sol.accept("b2", OrderSide.BUY, "20.00", "0.100");
            sol.trade(ask, second, "20.00", "0.100").left(second, OrderStatus.FILLED);
            long last = sol.sequence();

            // one market's events are on one partition, read in order: the repeats came before trade 2
            List<Long> trades = new ArrayList<>();
            do {
                trades.add(client.next(onChannel("trades:SOL-USDT"), Duration.ofSeconds(10)).path("data").path("sequence").asLong());
            } while (trades.getLast() < 2);
            assertThat(trades).as("each trade once, in order").containsExactly(1L, 2L);
            List<JsonNode> diffs = new ArrayList<>();
            do {
                diffs.add(client.next(onChannel("depth:SOL-USDT"), Duration.ofSeconds(10)).path("data"));
            } while (diffs.getLast().path("lastSequence").asLong() < last);
            for (int i = 1; i < diffs.size(); i++) {
                assertThat(diffs.get(i).path("firstSequence").asLong()).as("diffs chain, no sequence twice")
                        .isEqualTo(diffs.get(i - 1).path("lastSequence").asLong() + 1);
            }
            JsonNode later = depth("SOL-USDT", "");
            assertThat(later.path("sequence").asLong()).isEqualTo(last);
            assertThat(later.path("bids")).isEmpty();
            assertThat(later.path("asks").toString()).isEqualTo("[[\"20.00\",\"0.500\"]]");
            assertThat(BookCopy.rebuilt(snapshot, diffs, BookCopy.Fields.NATIVE)).isEqualTo(BookCopy.levels(later));
        }
    }

    @Test
    void aTradersOrdersAndBalancesDeliveredAgainReachTheirStreamOnce() {
        try (StreamClient client = stream(null)) {
            client.send("{\"op\":\"auth\",\"token\":\"" + carolToken + "\"}");
            assertThat(client.nextOp("authenticated").path("user").asText()).startsWith("it-carol");
            client.subscribe("orders", "balances");
            assertThat(client.nextOp("subscribed").path("channels")).hasSize(2);
            // on one partition, so that the last one, read after the repeats, shows they were all handled
            OrderId filled = orderOnPartition(EventTopic.partitionOf(carol));
            OrderId resting = orderOnPartition(EventTopic.partitionOf(filled.value()));
            OrderId marker = orderOnPartition(EventTopic.partitionOf(filled.value()));
            AccountId account = AccountId.of(carol);
            List<Recorded> history = List.of(
                    new Recorded("Account", carol, 0, new FundsDepositedEvent(account, DepositId.random(), Asset.of("USDT"),
                            new BigDecimal("300.00"), new BigDecimal("300.00"))),
                    new Recorded("Order", filled.value(), 0, placed(carol, filled, "f-1")),
                    new Recorded("Order", filled.value(), 1, new OrderAcceptedEvent(filled, account, BTC_USDT)),
                    new Recorded("Order", filled.value(), 2, new OrderClosedEvent(filled, account, BTC_USDT,
                            OrderStatus.FILLED, null, new BigDecimal("0.500"), new BigDecimal("50.00000"),
                            new BigDecimal("100.00"), new BigDecimal("0.05000"))),
                    new Recorded("Order", resting.value(), 0, placed(carol, resting, "r-1")),
                    new Recorded("Order", resting.value(), 1, new OrderAcceptedEvent(resting, account, BTC_USDT)));
            Instant recordedAt = Instant.now();
            history.forEach(event -> event.publish(recordedAt));

            // the publisher lost its token: the same records again, after the later ones
            history.forEach(event -> event.publish(recordedAt));
            deposit(carol, "USDT", "1.00", "301.00", 1);
            orderEvent(marker, 0, placed(carol, marker, "m-1"));

            List<JsonNode> orders = new ArrayList<>();
            do {
                orders.add(client.next(onChannel("orders"), Duration.ofSeconds(10)).path("data"));
            } while (!orders.getLast().path("orderId").asText().equals(marker.value()));
            assertThat(eventsOf(orders, filled)).as("each change once").containsExactly("PLACED/PENDING_NEW",
                    "ACCEPTED/NEW", "CLOSED/FILLED");
            assertThat(eventsOf(orders, resting)).containsExactly("PLACED/PENDING_NEW", "ACCEPTED/NEW");
            List<JsonNode> balances = new ArrayList<>();
            do {
                balances.add(client.next(onChannel("balances"), Duration.ofSeconds(10)).path("data"));
            } while (!balances.getLast().path("balance").asText().equals("301.00"));
            assertThat(balances).extracting(balance -> balance.path("balance").asText()).containsExactly("300.00", "301.00");
        }
    }

    private static List<String> eventsOf(List<JsonNode> updates, OrderId order) {
        return updates.stream().filter(update -> update.path("orderId").asText().equals(order.value()))
                .map(update -> update.path("event").asText() + "/" + update.path("status").asText()).toList();
    }

    /** A new order id whose events Kafka puts on the given partition. */
    private static OrderId orderOnPartition(int partition) {
        OrderId order;
        do {
            order = OrderId.random();
        } while (EventTopic.partitionOf(order.value()) != partition);
        return order;
    }

    /** An event as the publisher put it on the topic, to be put there again. */
    private record Recorded(String aggregateType, String aggregateId, long sequence, Object payload) {
        void publish(Instant timestamp) {
            TOPIC.publish(aggregateType, aggregateId, sequence, timestamp, payload);
        }
    }

    private static void orderEvent(OrderId order, long sequence, Object payload) {
        TOPIC.publish("Order", order.value(), sequence, Instant.now(), payload);
    }

    @Test
    void badChannelsAreRefusedWithAStableCodeAndTheConnectionStaysOpen() {
        readyDepth("BTC-USDT", "");
        try (StreamClient client = stream(null)) {
            Map<String, String> codes = Map.of("trades:DOGE-USDT", "UNKNOWN_MARKET", "depth:not a market", "UNKNOWN_MARKET",
                    "candles:BTC-USDT:7m", "INVALID_INTERVAL", "news:BTC-USDT", "UNKNOWN_CHANNEL", "candles:BTC-USDT",
                    "UNKNOWN_CHANNEL");
            codes.forEach((channel, code) -> {
                client.subscribe(channel);
                JsonNode error = client.nextOp("error");
                assertThat(error.path("channel").asText()).isEqualTo(channel);
                assertThat(error.path("code").asText()).as(channel).isEqualTo(code);
                assertThat(client.nextOp("subscribed").path("channels")).isEmpty();
            });
            client.send("not json");
            assertThat(client.nextOp("error").path("code").asText()).isEqualTo("MALFORMED_REQUEST");
            client.send("{\"op\":\"dance\"}");
            assertThat(client.nextOp("error").path("code").asText()).isEqualTo("VALIDATION_FAILED");
            client.send("{\"op\":\"ping\",\"id\":7}");
            assertThat(client.nextOp("pong").path("id").asInt()).isEqualTo(7);
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void depthRefusesABadLimitOrAnUnknownMarket() {
        readyDepth("BTC-USDT", "");
        Map<String, String> codes = Map.of("limit=0", "VALIDATION_FAILED", "limit=1001", "LIMIT_TOO_LARGE",
                "limit=ten", "VALIDATION_FAILED");
        codes.forEach((query, code) -> {
            Response answer = api().get("/api/v1/markets/BTC-USDT/depth?" + query, null);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().path("code").asText()).as(query).isEqualTo(code);
        });
        Response unknown = api().get("/api/v1/markets/DOGE-USDT/depth", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("UNKNOWN_MARKET");
        assertThat(depth("BTC-USDT", "?limit=1").path("bids")).hasSize(1);
        assertThat(depth("BTC-USDT", "?limit=1000").path("market").asText()).isEqualTo("BTC-USDT");
    }

    private static void deposit(String account, String asset, String amount, String after, long sequence) {
        TOPIC.publish("Account", account, sequence, Instant.now(), new FundsDepositedEvent(AccountId.of(account),
                DepositId.random(), Asset.of(asset), new BigDecimal(amount), new BigDecimal(after)));
    }

    private static OrderId place(String account, String clientOrderId, long sequence) {
        OrderId order = OrderId.random();
        orderEvent(order, sequence, placed(account, order, clientOrderId));
        return order;
    }

    private static OrderPlacedEvent placed(String account, OrderId order, String clientOrderId) {
        return new OrderPlacedEvent(order, AccountId.of(account), clientOrderId, new OrderTerms(BTC_USDT, OrderSide.BUY,
                OrderType.LIMIT, TimeInForce.GTC, new BigDecimal("100.00"), new BigDecimal("0.500"), null, null,
                SelfTradeMode.EXPIRE_MAKER), Asset.of("USDT"), new BigDecimal("50.10"), Instant.now());
    }

    /** The last message of a channel whose data counts {@code trades} trades. */
    private static JsonNode lastWith(StreamClient client, String channel, long trades) {
        return client.next(message -> onChannel(channel).test(message) && message.path("data").path("trades").asLong() == trades,
                Duration.ofSeconds(10)).path("data");
    }

    private JsonNode readyDepth(String market, String query) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response answer;
        do {
            answer = api().get("/api/v1/markets/" + market + "/depth" + query, null);
            if (answer.status() == 200) {
                return answer.json();
            }
            sleep(Duration.ofMillis(50));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("depth of " + market + " not ready: " + answer.status() + " " + answer.body());
    }

    private JsonNode depth(String market, String query) {
        Response answer = api().get("/api/v1/markets/" + market + "/depth" + query, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private StreamClient stream(String bearerToken) {
        return new StreamClient("ws://127.0.0.1:" + port + "/api/v1/stream", bearerToken);
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
