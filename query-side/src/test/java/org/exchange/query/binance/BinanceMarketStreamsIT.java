package org.exchange.query.binance;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.query.stream.BookCopy;
import org.exchange.query.stream.EventTopic;
import org.exchange.query.stream.MarketEvents;
import org.exchange.query.stream.StreamClient;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Binance's market streams at {@code /ws}, {@code /ws/<…>} and {@code /stream}, fed from a real Kafka
 * topic of this test's own (the publisher's format) and checked against the Binance REST API of the
 * same service: a client rebuilds the book from a REST snapshot and the diff stream, by Binance's
 * documented procedure, and ends with the REST book.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "exchange.streams.depth-batch=50ms", "exchange.streams.ticker-interval=100ms",
        "exchange.streams.max-subscriptions=5"})
class BinanceMarketStreamsIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "binance_streams");
    /** Held from creation on: another test JVM's sweep drops {@code it_} databases nobody is connected to. */
    private static final SingleConnectionDataSource OWNER = new SingleConnectionDataSource(
            COMPONENTS.jdbcUrl(DATABASE), COMPONENTS.dbUser(), COMPONENTS.dbPassword(), true);
    private static final EventTopic TOPIC = new EventTopic(COMPONENTS.kafkaBootstrap(), "it-binance-streams-" + UUID.randomUUID());
    private static final MarketEvents BTC = new MarketEvents(TOPIC, "BTC-USDT");
    private static final MarketEvents ETH = new MarketEvents(TOPIC, "ETH-USDT");
    private static final OrderId BID_50000;
    private static final OrderId BID_49990;

    static {
        try {
            OWNER.getConnection();
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot connect to " + DATABASE, failure);
        }
        // history the service reads before it is ready
        BTC.open();
        BID_50000 = BTC.rest("a1", OrderSide.BUY, "50000.00", "0.010");
        BID_49990 = BTC.rest("a1", OrderSide.BUY, "49990.00", "0.020");
        BTC.rest("a2", OrderSide.SELL, "50010.00", "0.005");
        BTC.rest("a2", OrderSide.SELL, "50010.00", "0.007");
        ETH.open();
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("exchange.events.bootstrap-servers", COMPONENTS::kafkaBootstrap);
        registry.add("exchange.events.topic", TOPIC::name);
    }

    /** The markets as the projections list them: the REST API finds symbols there. */
    @BeforeAll
    static void readModel() {
        JdbcClient readModel = ReadModel.migrated(OWNER);
        for (String market : List.of("BTC-USDT", "ETH-USDT")) {
            ReadModel.market(readModel, market, "0.01", "0.001", "0.001", "100", "1", "OPEN");
        }
    }

    @AfterAll
    static void closeTopic() {
        TOPIC.close();
    }

    @Test
    void aClientRebuildsTheRestBookFromASnapshotAndTheDiffStreamsAsBinanceDocumentsIt() {
        readyDepth("BTCUSDT");
        try (StreamClient fast = stream("/ws/0"); StreamClient everySecond = stream("/ws/btcusdt@depth")) {
            fast.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth@100ms\"],\"id\":1}");
            assertThat(fast.next(answer(1), Duration.ofSeconds(10)).toString()).isEqualTo("{\"result\":null,\"id\":1}");
            JsonNode snapshot = ok(api().get("/api/v3/depth?symbol=BTCUSDT&limit=1000", null));
            assertThat(snapshot.path("lastUpdateId").asLong()).isEqualTo(BTC.sequence());
            assertThat(snapshot.path("bids").toString())
                    .isEqualTo("[[\"50000.00000000\",\"0.01000000\"],[\"49990.00000000\",\"0.02000000\"]]");

            OrderId bid = BTC.rest("a3", OrderSide.BUY, "50000.00", "0.005");
            OrderId seller = BTC.accept("a4", OrderSide.SELL, "49000.00", "0.012");
            BTC.trade(BID_50000, seller, "50000.00", "0.010").left(BID_50000, OrderStatus.FILLED)
                    .trade(bid, seller, "50000.00", "0.002").left(seller, OrderStatus.FILLED);
            // events that change nothing in the book, alone in their batch (the trades' diffs are read
            // first, the next change is sent after theirs): their diff still carries their ids
            List<JsonNode> diffs = diffsUpTo(fast, BTC.sequence(), new ArrayList<>());
            int beforePause = diffs.size();
            BTC.haltAndResume();
            diffsUpTo(fast, BTC.sequence(), diffs);
            List<JsonNode> pause = List.copyOf(diffs.subList(beforePause, diffs.size()));
            BTC.rest("a5", OrderSide.SELL, "50020.00", "1.000");
            BTC.left(BID_49990, OrderStatus.CANCELED);
            long last = BTC.sequence();

            diffsUpTo(fast, last, diffs);
            List<JsonNode> merged = diffsUpTo(everySecond, last, new ArrayList<>());
            JsonNode later = ok(api().get("/api/v3/depth?symbol=BTCUSDT&limit=1000", null));
            assertThat(later.path("lastUpdateId").asLong()).isEqualTo(last);
            assertThat(later.path("bids").toString()).isEqualTo("[[\"50000.00000000\",\"0.00300000\"]]");
            assertThat(later.path("asks").toString())
                    .isEqualTo("[[\"50010.00000000\",\"0.01200000\"],[\"50020.00000000\",\"1.00000000\"]]");
            assertThat(BookCopy.rebuilt(snapshot, diffs, BookCopy.Fields.BINANCE)).isEqualTo(BookCopy.levels(later));
            assertThat(BookCopy.rebuilt(snapshot, merged, BookCopy.Fields.BINANCE)).isEqualTo(BookCopy.levels(later));
            JsonNode first = diffs.getFirst();
            assertThat(first.path("e").asText()).isEqualTo("depthUpdate");
            assertThat(first.path("s").asText()).isEqualTo("BTCUSDT");
            assertThat(first.path("E").isNumber()).isTrue();
            assertThat(pause).as("the diffs of events that left the book as it was").isNotEmpty()
                    .allMatch(diff -> diff.path("b").isEmpty() && diff.path("a").isEmpty());
        }
    }

    @Test
    void tradesKlinesAndTickersCarryBinancesFieldsOnACombinedStream() {
        readyDepth("ETHUSDT");
        try (StreamClient client = stream("/stream?streams=ethusdt@trade/ethusdt@kline_1m/ethusdt@ticker")) {
            Instant t0 = Instant.parse("2026-11-21T10:00:05.250Z");
            ETH.at(t0);
            OrderId ask1 = ETH.rest("m1", OrderSide.SELL, "3000.00", "1.000");
            OrderId ask2 = ETH.rest("m1", OrderSide.SELL, "3001.50", "1.000");
            ETH.rest("m2", OrderSide.BUY, "2990.00", "0.250");
            OrderId taker = ETH.accept("t1", OrderSide.BUY, "3002.00", "1.600");
            ETH.trade(ask1, taker, "3000.00", "0.500").at(t0.plusSeconds(10))
                    .trade(ask1, taker, "3000.00", "0.500").left(ask1, OrderStatus.FILLED)
                    .at(t0.plusSeconds(20)).trade(ask2, taker, "3001.50", "0.600").left(taker, OrderStatus.FILLED);

            List<JsonNode> trades = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode message = client.next(onStream("ethusdt@trade"), Duration.ofSeconds(10));
                trades.add(message.path("data"));
            }
            assertThat(trades).extracting(trade -> trade.path("t").asLong()).containsExactly(1L, 2L, 3L);
            JsonNode trade = trades.getFirst();
            assertThat(trade.path("e").asText()).isEqualTo("trade");
            assertThat(trade.path("s").asText()).isEqualTo("ETHUSDT");
            assertThat(trade.path("p").asText()).isEqualTo("3000.00000000");
            assertThat(trade.path("q").asText()).isEqualTo("0.50000000");
            assertThat(trade.path("T").asLong()).isEqualTo(t0.toEpochMilli());
            assertThat(trade.path("m").asBoolean()).as("the taker bought: the buyer was not the maker").isFalse();
            assertThat(trade.path("M").asBoolean()).isTrue();
            assertThat(trade.path("t").isNumber()).isTrue();

            JsonNode kline = client.next(onStream("ethusdt@kline_1m").and(message -> message.path("data").path("k").path("n").asLong() == 3),
                    Duration.ofSeconds(10)).path("data");
            assertThat(kline.path("e").asText()).isEqualTo("kline");
            JsonNode k = kline.path("k");
            assertThat(k.path("t").asLong()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z").toEpochMilli());
            assertThat(k.path("T").asLong()).isEqualTo(Instant.parse("2026-11-21T10:00:59.999Z").toEpochMilli());
            assertThat(k.path("s").asText()).isEqualTo("ETHUSDT");
            assertThat(k.path("i").asText()).isEqualTo("1m");
            assertThat(k.path("f").asLong()).isEqualTo(1);
            assertThat(k.path("L").asLong()).isEqualTo(3);
            assertThat(k.path("o").asText()).isEqualTo("3000.00000000");
            assertThat(k.path("c").asText()).isEqualTo("3001.50000000");
            assertThat(k.path("h").asText()).isEqualTo("3001.50000000");
            assertThat(k.path("l").asText()).isEqualTo("3000.00000000");
            assertThat(k.path("v").asText()).isEqualTo("1.60000000");
            assertThat(k.path("q").asText()).isEqualTo("4800.90000000");
            assertThat(k.path("V").asText()).isEqualTo("1.60000000");
            assertThat(k.path("Q").asText()).isEqualTo("4800.90000000");
            assertThat(k.path("x").asBoolean()).isFalse();

            JsonNode ticker = client.next(onStream("ethusdt@ticker").and(message -> message.path("data").path("n").asLong() == 3),
                    Duration.ofSeconds(10)).path("data");
            assertThat(ticker.path("e").asText()).isEqualTo("24hrTicker");
            assertThat(ticker.path("s").asText()).isEqualTo("ETHUSDT");
            assertThat(ticker.path("o").asText()).isEqualTo("3000.00000000");
            assertThat(ticker.path("c").asText()).isEqualTo("3001.50000000");
            assertThat(ticker.path("Q").asText()).isEqualTo("0.60000000");
            assertThat(ticker.path("p").asText()).isEqualTo("1.50000000");
            assertThat(ticker.path("P").asText()).isEqualTo("0.050");
            assertThat(ticker.path("w").asText()).isEqualTo("3000.56250000");
            assertThat(ticker.path("h").asText()).isEqualTo("3001.50000000");
            assertThat(ticker.path("l").asText()).isEqualTo("3000.00000000");
            assertThat(ticker.path("v").asText()).isEqualTo("1.60000000");
            assertThat(ticker.path("q").asText()).isEqualTo("4800.90000000");
            assertThat(ticker.path("b").asText()).isEqualTo("2990.00000000");
            assertThat(ticker.path("B").asText()).isEqualTo("0.25000000");
            assertThat(ticker.path("a").asText()).isEqualTo("3001.50000000");
            assertThat(ticker.path("A").asText()).isEqualTo("0.40000000");
            assertThat(ticker.path("F").asLong()).isEqualTo(1);
            assertThat(ticker.path("L").asLong()).isEqualTo(3);
            assertThat(ticker.path("C").asLong()).isEqualTo(t0.plusSeconds(20).toEpochMilli());
            assertThat(ticker.path("O").asLong()).isEqualTo(Instant.parse("2026-11-20T10:00:26Z").toEpochMilli());
        }
    }

    @Test
    void subscriptionsAreListedAndEndedAndBadRequestsGetBinancesErrors() {
        readyDepth("BTCUSDT");
        try (StreamClient client = stream("/ws")) {
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\",\"ethusdt@kline_1h\",\"btcusdt@ticker\"],\"id\":7}");
            assertThat(client.next(answer(7), Duration.ofSeconds(10)).path("result").isNull()).isTrue();
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":8}");
            assertThat(client.next(answer(8), Duration.ofSeconds(10)).path("result").toString())
                    .isEqualTo("[\"btcusdt@ticker\",\"btcusdt@trade\",\"ethusdt@kline_1h\"]");
            client.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@ticker\",\"btcusdt@depth\"],\"id\":\"a9\"}");
            assertThat(client.next(answer("a9"), Duration.ofSeconds(10)).path("result").isNull()).isTrue();
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":10}");
            assertThat(client.next(answer(10), Duration.ofSeconds(10)).path("result").toString())
                    .isEqualTo("[\"btcusdt@trade\",\"ethusdt@kline_1h\"]");

            Map<String, String> refused = new TreeMap<>(Map.of(
                    "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth\",\"dogeusdt@trade\"],\"id\":11}", "unknown symbol 'dogeusdt'",
                    "{\"method\":\"SUBSCRIBE\",\"params\":[\"BTCUSDT@trade\"],\"id\":12}", "unknown stream 'BTCUSDT@trade'",
                    "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@kline_7m\"],\"id\":13}", "unknown kline interval '7m'",
                    "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth\",\"btcusdt@ticker\",\"ethusdt@trade\",\"ethusdt@depth\"],\"id\":14}",
                    "at most 5",
                    "{\"method\":\"SUBSCRIBE\",\"params\":\"btcusdt@trade\",\"id\":15}", "params must be a non-empty array",
                    "{\"method\":\"DANCE\",\"id\":16}", "unknown variant `DANCE`",
                    "{\"params\":[],\"id\":17}", "missing field `method`"));
            refused.forEach((request, message) -> {
                client.send(request);
                JsonNode error = client.next(message1 -> message1.has("error"), Duration.ofSeconds(10));
                assertThat(error.path("error").path("code").asInt()).as(request).isEqualTo(2);
                assertThat(error.path("error").path("msg").asText()).as(request).startsWith("Invalid request: ").contains(message);
                assertThat(error.path("id").asText()).as(request).isEqualTo(request.replaceAll(".*\"id\":(\\d+)}", "$1"));
            });
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":18}");
            assertThat(client.next(answer(18), Duration.ofSeconds(10)).path("result").toString())
                    .as("refused requests subscribed nothing").isEqualTo("[\"btcusdt@trade\",\"ethusdt@kline_1h\"]");

            client.send("not json");
            assertThat(client.next(message -> message.has("error"), Duration.ofSeconds(10)).path("error").path("code").asInt())
                    .isEqualTo(3);
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":-1.5}");
            assertThat(client.next(message -> message.has("error"), Duration.ofSeconds(10)).path("error").path("msg").asText())
                    .startsWith("Invalid request: request ID");
            client.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":19}");
            assertThat(client.next(answer(19), Duration.ofSeconds(10)).path("result").asBoolean()).isFalse();
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void aStreamNamedInTheUrlMustExist() {
        readyDepth("BTCUSDT");
        for (String path : List.of("/ws/dogeusdt@trade", "/stream?streams=btcusdt@trade/btcusdt@news")) {
            assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() {
                    }).join())
                    .as(path)
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(failure -> assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode())
                            .isEqualTo(400));
        }
    }

    /** Depth updates received until one covers {@code last}, checking that each continues the previous. */
    /** Reads diffs into {@code diffs} until one covers {@code last}; each must follow the one before. */
    private static List<JsonNode> diffsUpTo(StreamClient client, long last, List<JsonNode> diffs) {
        JsonNode diff;
        do {
            diff = client.next(message -> "depthUpdate".equals(message.path("e").asText()), Duration.ofSeconds(10));
            if (!diffs.isEmpty()) {
                assertThat(diff.path("U").asLong()).as("no gap").isEqualTo(diffs.getLast().path("u").asLong() + 1);
            }
            diffs.add(diff);
        } while (diff.path("u").asLong() < last);
        return diffs;
    }

    private static Predicate<JsonNode> answer(Object id) {
        return message -> message.has("result") && message.path("id").asText().equals(String.valueOf(id));
    }

    private static Predicate<JsonNode> onStream(String name) {
        return message -> name.equals(message.path("stream").asText()) && message.has("data");
    }

    private void readyDepth(String symbol) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response answer;
        do {
            answer = api().get("/api/v3/depth?symbol=" + symbol, null);
            if (answer.status() == 200) {
                return;
            }
            sleep(Duration.ofMillis(50));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("depth of " + symbol + " not ready: " + answer.status() + " " + answer.body());
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private StreamClient stream(String path) {
        return new StreamClient("ws://127.0.0.1:" + port + path, null);
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
