package org.exchange.query.binance;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderAcceptedEvent;
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
import org.exchange.platform.access.ApiKeys;
import org.exchange.platform.security.Caller;
import org.exchange.query.stream.EventTopic;
import org.exchange.query.stream.StreamClient;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binance's WebSocket API user data stream at {@code /ws-api/v3}: a subscription signed with a real
 * API key (access store on PostgreSQL) delivers the key owner's order and balance events read from a
 * real Kafka topic of this test's own, in Binance's shapes; bad signatures, stale timestamps, unknown
 * and insufficient keys are refused with Binance's codes; a revoked key ends the stream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "exchange.streams.api-key-check=200ms"})
class BinanceUserDataStreamIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "binance_user_data");
    /** Held from creation on: another test JVM's sweep drops {@code it_} databases nobody is connected to. */
    private static final SingleConnectionDataSource OWNER = new SingleConnectionDataSource(
            COMPONENTS.jdbcUrl(DATABASE), COMPONENTS.dbUser(), COMPONENTS.dbPassword(), true);
    private static final EventTopic TOPIC = new EventTopic(COMPONENTS.kafkaBootstrap(), "it-binance-user-data-" + UUID.randomUUID());
    private static final MarketId BTC_USDT = MarketId.of("BTC-USDT");
    private static final Duration WAIT = Duration.ofSeconds(10);

    static {
        try {
            OWNER.getConnection();
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot connect to " + DATABASE, failure);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiKeys apiKeys;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("exchange.events.bootstrap-servers", COMPONENTS::kafkaBootstrap);
        registry.add("exchange.events.topic", TOPIC::name);
    }

    @AfterAll
    static void closeTopic() {
        TOPIC.close();
    }

    /** A trader (an account of its own) with an API key. */
    private record Bot(String account, ApiKeys.Created key) {
    }

    private Bot bot(String... permissions) {
        String account = UUID.randomUUID().toString();
        return new Bot(account, apiKeys.create(new Caller(account, "it-" + account.substring(0, 8), Set.of("trader"), null),
                "ws", List.of(permissions), List.of()));
    }

    @Test
    void aSignedSubscriptionDeliversTheOwnersOrdersAndBalancesInBinancesShape() {
        Bot alice = bot("READ");
        Bot bob = bot("READ", "TRADE");
        try (StreamClient aliceStream = api(); StreamClient bobStream = api()) {
            JsonNode subscribed = subscribe(aliceStream, "\"s1\"", alice, Instant.now().toEpochMilli(), null);
            assertThat(subscribed.toString()).isEqualTo("{\"id\":\"s1\",\"status\":200,\"result\":{\"subscriptionId\":0}}");
            assertThat(subscribe(bobStream, "2", bob, Instant.now().toEpochMilli(), null).path("result").path("subscriptionId").asInt())
                    .isZero();

            deposit(alice.account(), 0, "1000.00", "1000.00");
            deposit(bob.account(), 0, "700.00", "700.00");
            OrderId filled = OrderId.random();
            publishAccount(alice.account(), 1, new FundsReservedEvent(AccountId.of(alice.account()), filled, Asset.of("USDT"),
                    new BigDecimal("50.10"), new BigDecimal("949.90"), new BigDecimal("50.10")));
            Instant placedAt = Instant.parse("2026-11-22T07:00:00.125Z");
            placeAndAccept(alice.account(), filled, "c-1", placedAt);
            fill(alice.account(), filled, 2, 7, "0.200", "0.200", "20.00000");
            fill(alice.account(), filled, 3, 8, "0.300", "0.500", "50.00000");
            publishOrder(filled, 4, new OrderClosedEvent(filled, AccountId.of(alice.account()), BTC_USDT, OrderStatus.FILLED,
                    null, new BigDecimal("0.500"), new BigDecimal("50.00000"), new BigDecimal("100.0000000000"),
                    new BigDecimal("0.0010")));
            OrderId canceled = OrderId.random();
            placeAndAccept(alice.account(), canceled, "c-2", placedAt);
            publishOrder(canceled, 2, new OrderClosedEvent(canceled, AccountId.of(alice.account()), BTC_USDT,
                    OrderStatus.CANCELED, "CANCELED_BY_USER", BigDecimal.ZERO, BigDecimal.ZERO, null, BigDecimal.ZERO));

            JsonNode deposited = event(aliceStream, "balanceUpdate");
            assertThat(deposited.path("a").asText()).isEqualTo("USDT");
            assertThat(deposited.path("d").asText()).isEqualTo("1000.00000000");
            assertThat(deposited.path("T").isNumber()).isTrue();
            JsonNode afterDeposit = event(aliceStream, "outboundAccountPosition");
            assertThat(afterDeposit.path("B").toString())
                    .isEqualTo("[{\"a\":\"USDT\",\"f\":\"1000.00000000\",\"l\":\"0.00000000\"}]");
            JsonNode afterHold = event(aliceStream, "outboundAccountPosition");
            assertThat(afterHold.path("B").toString())
                    .isEqualTo("[{\"a\":\"USDT\",\"f\":\"949.90000000\",\"l\":\"50.10000000\"}]");

            JsonNode accepted = report(aliceStream, filled);
            assertThat(accepted.path("s").asText()).isEqualTo("BTCUSDT");
            assertThat(accepted.path("c").asText()).isEqualTo("c-1");
            assertThat(accepted.path("C").asText()).isEmpty();
            assertThat(accepted.path("S").asText()).isEqualTo("BUY");
            assertThat(accepted.path("o").asText()).isEqualTo("LIMIT");
            assertThat(accepted.path("f").asText()).isEqualTo("GTC");
            assertThat(accepted.path("q").asText()).isEqualTo("0.50000000");
            assertThat(accepted.path("p").asText()).isEqualTo("100.00000000");
            assertThat(accepted.path("x").asText()).isEqualTo("NEW");
            assertThat(accepted.path("X").asText()).isEqualTo("NEW");
            assertThat(accepted.path("z").asText()).isEqualTo("0.00000000");
            assertThat(accepted.path("t").asInt()).isEqualTo(-1);
            assertThat(accepted.path("O").asLong()).isEqualTo(placedAt.toEpochMilli());
            assertThat(accepted.path("w").asBoolean()).isTrue();

            JsonNode partly = report(aliceStream, filled);
            assertThat(partly.path("x").asText()).isEqualTo("TRADE");
            assertThat(partly.path("X").asText()).isEqualTo("PARTIALLY_FILLED");
            assertThat(partly.path("l").asText()).isEqualTo("0.20000000");
            assertThat(partly.path("z").asText()).isEqualTo("0.20000000");
            assertThat(partly.path("L").asText()).isEqualTo("100.00000000");
            assertThat(partly.path("Y").asText()).isEqualTo("20.00000000");
            assertThat(partly.path("Z").asText()).isEqualTo("20.00000000");
            assertThat(partly.path("n").asText()).isEqualTo("0.00040000");
            assertThat(partly.path("N").asText()).isEqualTo("BTC");
            assertThat(partly.path("t").asText()).isEqualTo("BTC-USDT-7");
            assertThat(partly.path("m").asBoolean()).isFalse();
            JsonNode done = report(aliceStream, filled);
            assertThat(done.path("x").asText()).isEqualTo("TRADE");
            assertThat(done.path("X").asText()).isEqualTo("FILLED");
            assertThat(done.path("z").asText()).isEqualTo("0.50000000");
            assertThat(done.path("t").asText()).isEqualTo("BTC-USDT-8");
            assertThat(done.path("w").asBoolean()).isFalse();

            assertThat(report(aliceStream, canceled).path("x").asText()).isEqualTo("NEW");
            JsonNode cancel = report(aliceStream, canceled);
            assertThat(cancel.path("x").asText()).isEqualTo("CANCELED");
            assertThat(cancel.path("X").asText()).isEqualTo("CANCELED");
            assertThat(cancel.path("C").asText()).isEqualTo("c-2");

            assertThat(event(bobStream, "balanceUpdate").path("d").asText()).isEqualTo("700.00000000");
            List<JsonNode> seenByAlice = aliceStream.drain(Duration.ofMillis(300));
            assertThat(seenByAlice.toString()).doesNotContain("700.00", bob.account());
            assertThat(seenByAlice.stream().filter(message -> filled.value().equals(message.path("event").path("i").asText())))
                    .as("the close of a filled order is told with its last trade, not again").hasSize(3);
            assertThat(bobStream.drain(Duration.ZERO).toString()).doesNotContain(filled.value(), "1000.00");
        }
    }

    @Test
    void badlySignedOrUnauthorisedSubscriptionsAreRefusedWithBinanceCodesAndSubscribeNothing() {
        Bot reader = bot("READ");
        Bot trader = bot("TRADE");
        long now = Instant.now().toEpochMilli();
        try (StreamClient client = api()) {
            client.send("{\"id\":1,\"method\":\"ping\"}");
            assertThat(answer(client, "1").toString()).isEqualTo("{\"id\":1,\"status\":200,\"result\":{}}");
            client.send("{\"id\":2,\"method\":\"time\"}");
            assertThat(answer(client, "2").path("result").path("serverTime").asLong()).isGreaterThanOrEqualTo(now);

            Map<String, String> refusals = Map.of(
                    "bad signature", params(reader.key().key().apiKey(), now, "0".repeat(64)),
                    "stale timestamp", signedParams(reader, now - 60_000),
                    "unknown key", params("K".repeat(64), now, ApiClient.signature(reader.key().secret(),
                            "apiKey=" + "K".repeat(64) + "&recvWindow=5000&timestamp=" + now)),
                    "no READ permission", signedParams(trader, now),
                    "no signature", "{\"apiKey\":\"" + reader.key().key().apiKey() + "\",\"timestamp\":" + now + "}",
                    "unread parameter", signedParams(reader, now).replace("{", "{\"symbol\":\"BTCUSDT\","));
            Map<String, Integer> codes = Map.of("bad signature", -1022, "stale timestamp", -1021, "unknown key", -2015,
                    "no READ permission", -2015, "no signature", -1102, "unread parameter", -1104);
            refusals.forEach((what, params) -> {
                client.send("{\"id\":\"r\",\"method\":\"userDataStream.subscribe.signature\",\"params\":" + params + "}");
                JsonNode refused = answer(client, "r");
                assertThat(refused.path("error").path("code").asInt()).as(what).isEqualTo(codes.get(what));
                assertThat(refused.path("status").asInt()).as(what).isBetween(400, 401);
                assertThat(refused.has("result")).as(what).isFalse();
            });
            client.send("{\"id\":3,\"method\":\"session.subscriptions\"}");
            assertThat(answer(client, "3").path("result").toString()).isEqualTo("[]");
            client.send("{\"id\":4,\"method\":\"order.place\",\"params\":{}}");
            assertThat(answer(client, "4").path("error").path("code").asInt()).isEqualTo(-1020);
            client.send("not json");
            assertThat(client.next(message -> message.has("error"), WAIT).path("error").path("code").asInt()).isEqualTo(-1102);

            deposit(reader.account(), 0, "5.00", "5.00");
            assertThat(client.drain(Duration.ofMillis(500)).toString()).doesNotContain("balanceUpdate");
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void anUnsubscribedOrRevokedStreamStopsAndARevokedKeyCannotSubscribeAgain() {
        Bot bot = bot("READ");
        try (StreamClient client = api()) {
            subscribe(client, "1", bot, Instant.now().toEpochMilli(), 60_000L);
            client.send("{\"id\":2,\"method\":\"userDataStream.unsubscribe\",\"params\":{\"subscriptionId\":0}}");
            assertThat(answer(client, "2").path("result").toString()).isEqualTo("{}");
            deposit(bot.account(), 0, "1.00", "1.00");
            assertThat(client.drain(Duration.ofMillis(500)).toString()).doesNotContain("balanceUpdate");

            assertThat(subscribe(client, "3", bot, Instant.now().toEpochMilli(), null).path("result").path("subscriptionId").asInt())
                    .isEqualTo(1);
            apiKeys.revoke(bot.account(), bot.key().key().keyId().toString());
            JsonNode terminated = client.next(message -> message.path("event").path("e").asText().equals("eventStreamTerminated"), WAIT);
            assertThat(terminated.path("subscriptionId").asInt()).isEqualTo(1);
            deposit(bot.account(), 1, "2.00", "3.00");
            assertThat(client.drain(Duration.ofMillis(500)).toString()).doesNotContain("balanceUpdate");
            JsonNode again = subscribe(client, "4", bot, Instant.now().toEpochMilli(), null);
            assertThat(again.path("error").path("code").asInt()).isEqualTo(-2015);
        }
    }

    /** Sends a signed subscription and returns the answer. */
    private static JsonNode subscribe(StreamClient client, String id, Bot bot, long timestamp, Long recvWindow) {
        String params = recvWindow == null ? signedParams(bot, timestamp) : signed(bot, timestamp, recvWindow);
        client.send("{\"id\":" + id + ",\"method\":\"userDataStream.subscribe.signature\",\"params\":" + params + "}");
        return answer(client, id.replace("\"", ""));
    }

    private static String signedParams(Bot bot, long timestamp) {
        return signed(bot, timestamp, 5000);
    }

    /** Signed as Binance's WebSocket API signs: parameters sorted by name, not percent-encoded. */
    private static String signed(Bot bot, long timestamp, long recvWindow) {
        String apiKey = bot.key().key().apiKey();
        String signature = ApiClient.signature(bot.key().secret(),
                "apiKey=" + apiKey + "&recvWindow=" + recvWindow + "&timestamp=" + timestamp);
        return "{\"apiKey\":\"" + apiKey + "\",\"timestamp\":" + timestamp + ",\"recvWindow\":" + recvWindow
                + ",\"signature\":\"" + signature + "\"}";
    }

    private static String params(String apiKey, long timestamp, String signature) {
        return "{\"apiKey\":\"" + apiKey + "\",\"timestamp\":" + timestamp + ",\"recvWindow\":5000,\"signature\":\""
                + signature + "\"}";
    }

    private static JsonNode answer(StreamClient client, String id) {
        return client.next(message -> message.has("status") && message.path("id").asText().equals(id), WAIT);
    }

    private static JsonNode event(StreamClient client, String type) {
        return client.next(message -> type.equals(message.path("event").path("e").asText()), WAIT).path("event");
    }

    private static JsonNode report(StreamClient client, OrderId order) {
        Predicate<JsonNode> wanted = message -> "executionReport".equals(message.path("event").path("e").asText())
                && order.value().equals(message.path("event").path("i").asText());
        return client.next(wanted, WAIT).path("event");
    }

    private static void deposit(String account, long sequence, String amount, String after) {
        publishAccount(account, sequence, new FundsDepositedEvent(AccountId.of(account), DepositId.random(), Asset.of("USDT"),
                new BigDecimal(amount), new BigDecimal(after)));
    }

    private static void publishAccount(String account, long sequence, Object event) {
        TOPIC.publish("Account", account, sequence, Instant.now(), event);
    }

    private static void placeAndAccept(String account, OrderId order, String clientOrderId, Instant placedAt) {
        publishOrder(order, 0, new OrderPlacedEvent(order, AccountId.of(account), clientOrderId,
                new OrderTerms(BTC_USDT, OrderSide.BUY, OrderType.LIMIT, TimeInForce.GTC, new BigDecimal("100.00"),
                        new BigDecimal("0.500"), null, null, SelfTradeMode.EXPIRE_MAKER),
                Asset.of("USDT"), new BigDecimal("50.10"), placedAt));
        publishOrder(order, 1, new OrderAcceptedEvent(order, AccountId.of(account), BTC_USDT));
    }

    private static void fill(String account, OrderId order, long sequence, long trade, String quantity, String filled,
                             String filledQuote) {
        BigDecimal price = new BigDecimal("100.00");
        BigDecimal q = new BigDecimal(quantity);
        publishOrder(order, sequence, new OrderFillRecordedEvent(order, AccountId.of(account), BTC_USDT,
                TradeId.of(BTC_USDT, trade), Liquidity.TAKER, price, q, price.multiply(q), q.multiply(new BigDecimal("0.002")),
                Asset.of("BTC"), new BigDecimal(filled), new BigDecimal(filledQuote),
                new BigDecimal(filled).multiply(new BigDecimal("0.002"))));
    }

    private static void publishOrder(OrderId order, long sequence, Object event) {
        TOPIC.publish("Order", order.value(), sequence, Instant.now(), event);
    }

    private StreamClient api() {
        return new StreamClient("ws://127.0.0.1:" + port + "/ws-api/v3", null);
    }
}
