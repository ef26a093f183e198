package org.exchange.query.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.query.ReadModelDatabase;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public market data (recent trades, ticker, candles of every interval), a trader's ledger and
 * deposits, and read-your-writes positions, through the query side's API with real Keycloak tokens,
 * the real PostgreSQL read model (filled the way the projections fill it) and a real Kafka topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "exchange.query.read-position.max-wait=700ms"})
class MarketDataAndLedgerApiIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "query_market");
    private static final String TOPIC = "it.query.positions." + UUID.randomUUID();
    private static final SingleConnectionDataSource OWNER = ReadModelDatabase.connected(COMPONENTS, DATABASE);

    private static JdbcClient readModel;
    private static String alice;
    private static String aliceToken;
    private static String bob;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("exchange.events.bootstrap-servers", COMPONENTS::kafkaBootstrap);
        registry.add("exchange.events.topic", () -> TOPIC);
    }

    @BeforeAll
    static void readModelUsersAndTopic() throws Exception {
        Flyway.configure().dataSource(OWNER).locations("filesystem:../projections/src/main/resources/db/readmodel")
                .load().migrate();
        readModel = JdbcClient.create(OWNER);
        for (String market : List.of("ETH-USDT", "BTC-USDT")) {
            readModel.sql("""
                            insert into markets (market_id, base_asset, quote_asset, tick_size, step_size, min_quantity,
                                                 max_quantity, min_notional, maker_fee_rate, taker_fee_rate, status,
                                                 last_sequence, opened_at, updated_at)
                            values (?, ?, 'USDT', 0.01, 0.0001, 0.0001, 1000, 10, 0.001, 0.001, 'TRADING', 0, now(), now())
                            """)
                    .params(market, market.substring(0, 3)).update();
        }
        String aliceName = KEYCLOAK.createUser("it-ledger-alice", "trader");
        alice = KEYCLOAK.userId(aliceName);
        aliceToken = KEYCLOAK.token(aliceName, aliceName);
        bob = KEYCLOAK.userId(KEYCLOAK.createUser("it-ledger-bob", "trader"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, COMPONENTS.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void recentTradesAreNewestFirstWithExactDecimals() {
        trade("ETH-USDT", 1, "2500.00", "0.1000", Instant.parse("2026-11-21T10:00:05Z"));
        trade("ETH-USDT", 2, "2510.50", "0.2500", Instant.parse("2026-11-21T10:00:06Z"));

        JsonNode trades = api().get("/api/v1/markets/ETH-USDT/trades?limit=2", null).json().path("trades");

        assertThat(trades).hasSize(2);
        assertThat(trades.get(0).path("sequence").asLong()).isEqualTo(2);
        assertThat(trades.get(0).path("price").asText()).isEqualTo("2510.50");
        assertThat(trades.get(0).path("quantity").asText()).isEqualTo("0.2500");
        assertThat(trades.get(0).path("quoteQuantity").asText()).isEqualTo("627.62500000");
        assertThat(trades.get(0).path("takerSide").asText()).isEqualTo("BUY");
        assertThat(trades.get(0).path("executedAt").asText()).isEqualTo("2026-11-21T10:00:06Z");
        assertThat(trades.get(1).path("sequence").asLong()).isEqualTo(1);
    }

    @Test
    void candlesOfEveryIntervalRollUpFromTheStoredOnes() {
        // four BTC trades: three in the 10:00 five-minute candle, one in the 10:05 one
        trade("BTC-USDT", 1, "100.00", "1.0000", Instant.parse("2026-11-20T10:00:05Z"));
        trade("BTC-USDT", 2, "110.00", "2.0000", Instant.parse("2026-11-20T10:01:30Z"));
        trade("BTC-USDT", 3, "90.00", "1.0000", Instant.parse("2026-11-20T10:04:59Z"));
        trade("BTC-USDT", 4, "95.00", "1.0000", Instant.parse("2026-11-20T10:05:00Z"));
        candle("1m", "2026-11-20T10:00:00Z", "100.00", "100.00", "100.00", "100.00", "1.0000", 1, 1, 1);
        candle("1m", "2026-11-20T10:01:00Z", "110.00", "110.00", "110.00", "110.00", "2.0000", 1, 2, 2);
        candle("1m", "2026-11-20T10:04:00Z", "90.00", "90.00", "90.00", "90.00", "1.0000", 1, 3, 3);
        candle("1m", "2026-11-20T10:05:00Z", "95.00", "95.00", "95.00", "95.00", "1.0000", 1, 4, 4);
        candle("1h", "2026-11-20T10:00:00Z", "100.00", "110.00", "90.00", "95.00", "5.0000", 4, 1, 4);
        candle("1d", "2026-11-20T00:00:00Z", "100.00", "110.00", "90.00", "95.00", "5.0000", 4, 1, 4);

        JsonNode fiveMinutes = candles("5m", "&from=2026-11-20T10:00:00Z");
        assertThat(fiveMinutes).hasSize(2);
        assertCandle(fiveMinutes.get(0), "2026-11-20T10:00:00Z", "2026-11-20T10:04:59.999Z", "100.00", "110.00",
                "90.00", "90.00", "4.0000", 3);
        assertCandle(fiveMinutes.get(1), "2026-11-20T10:05:00Z", "2026-11-20T10:09:59.999Z", "95.00", "95.00",
                "95.00", "95.00", "1.0000", 1);
        assertCandle(candles("4h", "&to=2026-11-21T00:00:00Z").get(0), "2026-11-20T08:00:00Z",
                "2026-11-20T11:59:59.999Z", "100.00", "110.00", "90.00", "95.00", "5.0000", 4);
        assertCandle(candles("1w", "&to=2026-11-21T00:00:00Z").get(0), "2026-11-16T00:00:00Z",
                "2026-11-22T23:59:59.999Z", "100.00", "110.00", "90.00", "95.00", "5.0000", 4);
        assertCandle(candles("1M", "&to=2026-11-21T00:00:00Z").get(0), "2026-11-01T00:00:00Z",
                "2026-11-30T23:59:59.999Z", "100.00", "110.00", "90.00", "95.00", "5.0000", 4);
        JsonNode seconds = candles("1s", "&from=2026-11-20T10:01:30Z&limit=1");
        assertCandle(seconds.get(0), "2026-11-20T10:01:30Z", "2026-11-20T10:01:30.999Z", "110.00", "110.00",
                "110.00", "110.00", "2.0000", 1);
        // without from: the latest candles before to, oldest first
        JsonNode latest = candles("1m", "&to=2026-11-20T10:05:00Z&limit=2");
        assertThat(latest).extracting(candle -> candle.path("openTime").asText())
                .containsExactly("2026-11-20T10:01:00Z", "2026-11-20T10:04:00Z");
    }

    @Test
    void theTickerCoversTheLast24HoursOnly() {
        readModel.sql("insert into markets select 'SOL-USDT', 'SOL', quote_asset, tick_size, step_size, min_quantity, "
                + "max_quantity, min_notional, maker_fee_rate, taker_fee_rate, status, status_reason, last_sequence, "
                + "opened_at, updated_at from markets where market_id = 'ETH-USDT'").update();
        Instant now = Instant.now();
        trade("SOL-USDT", 1, "10.00", "5.0000", now.minus(Duration.ofHours(25)));
        trade("SOL-USDT", 2, "12.00", "1.0000", now.minus(Duration.ofHours(23)));
        trade("SOL-USDT", 3, "15.00", "2.0000", now.minus(Duration.ofHours(2)));
        trade("SOL-USDT", 4, "11.50", "1.0000", now.minus(Duration.ofMinutes(1)));

        JsonNode ticker = api().get("/api/v1/markets/SOL-USDT/ticker", null).json();

        assertThat(ticker.path("open").asText()).isEqualTo("12.00");
        assertThat(ticker.path("high").asText()).isEqualTo("15.00");
        assertThat(ticker.path("low").asText()).isEqualTo("11.50");
        assertThat(ticker.path("last").asText()).isEqualTo("11.50");
        assertThat(ticker.path("priceChange").asText()).isEqualTo("-0.50");
        assertThat(ticker.path("volume").asText()).isEqualTo("4.0000");
        assertThat(ticker.path("quoteVolume").asText()).isEqualTo("53.50000000");
        assertThat(ticker.path("trades").asLong()).isEqualTo(3);
    }

    @Test
    void badMarketDataRequestsAreRefusedWithStableCodes() {
        Map<String, String> refusals = Map.of(
                "/api/v1/markets/DOGE-USDT/trades", "UNKNOWN_MARKET",
                "/api/v1/markets/not-a-market/ticker", "UNKNOWN_MARKET",
                "/api/v1/markets/ETH-USDT/candles", "INVALID_INTERVAL",
                "/api/v1/markets/ETH-USDT/candles?interval=2m", "INVALID_INTERVAL",
                "/api/v1/markets/ETH-USDT/candles?interval=1m&limit=1001", "LIMIT_TOO_LARGE",
                "/api/v1/markets/ETH-USDT/trades?limit=0", "VALIDATION_FAILED",
                "/api/v1/markets/ETH-USDT/candles?interval=1m&from=yesterday", "VALIDATION_FAILED",
                "/api/v1/markets/ETH-USDT/candles?interval=1m&from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z",
                "VALIDATION_FAILED",
                "/api/v1/markets/ETH-USDT/trades?minPosition=-1", "VALIDATION_FAILED");
        refusals.forEach((path, code) -> {
            Response answer = api().get(path, null);
            assertThat(answer.isProblem()).as(path).isTrue();
            assertThat(answer.status()).as(path).isEqualTo(code.equals("UNKNOWN_MARKET") ? 404 : 400);
            assertThat(answer.json().path("code").asText()).as(path).isEqualTo(code);
        });
    }

    @Test
    void aTraderSeesOnlyTheirOwnLedgerPageByPage() {
        String deposit = UUID.randomUUID().toString();
        String order = UUID.randomUUID().toString();
        Instant t0 = Instant.parse("2026-11-21T09:00:00Z");
        String reserved = UUID.randomUUID().toString();
        posting(UUID.randomUUID().toString(), 0, alice, "USDT", "AVAILABLE", "1000.00000000", "1000.00000000",
                "DEPOSIT", deposit, t0);
        // the two legs of one reservation: same event, same time, listed by leg (newest first)
        posting(reserved, 0, alice, "USDT", "AVAILABLE", "-100.10000000", "899.90000000", "RESERVE", order,
                t0.plusSeconds(1));
        posting(reserved, 1, alice, "USDT", "HELD", "100.10000000", "100.10000000", "RESERVE", order,
                t0.plusSeconds(1));
        posting(UUID.randomUUID().toString(), 2, alice, "ETH", "AVAILABLE", "0.04000000", "0.04000000", "TRADE",
                "ETH-USDT-9", t0.plusSeconds(2));
        posting(UUID.randomUUID().toString(), 0, bob, "USDT", "AVAILABLE", "5.00000000", "5.00000000", "DEPOSIT",
                "bobs", t0);
        readModel.sql("insert into deposits values (?, ?, 'USDT', 1000.00000000, ?)")
                .params(deposit, alice, t0.atOffset(ZoneOffset.UTC)).update();
        readModel.sql("insert into deposits values ('bobs', ?, 'USDT', 5.00000000, ?)")
                .params(bob, t0.atOffset(ZoneOffset.UTC)).update();

        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api().get("/api/v1/ledger?asset=USDT&limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    aliceToken).json();
            page.path("entries").forEach(entries::add);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);

        assertThat(entries).extracting(entry -> entry.path("kind").asText() + " " + entry.path("bucket").asText()
                        + " " + entry.path("amount").asText() + " -> " + entry.path("balanceAfter").asText())
                .containsExactly("RESERVE HELD 100.10000000 -> 100.10000000",
                        "RESERVE AVAILABLE -100.10000000 -> 899.90000000",
                        "DEPOSIT AVAILABLE 1000.00000000 -> 1000.00000000");
        assertThat(entries.getFirst().path("reference").asText()).isEqualTo(order);
        JsonNode deposits = api().get("/api/v1/deposits", aliceToken).json().path("deposits");
        assertThat(deposits).hasSize(1);
        assertThat(deposits.get(0).path("depositId").asText()).isEqualTo(deposit);
        assertThat(deposits.get(0).path("amount").asText()).isEqualTo("1000.00000000");
        assertThat(api().get("/api/v1/ledger", null).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/ledger?cursor=bogus", aliceToken).json().path("code").asText())
                .isEqualTo("INVALID_CURSOR");
    }

    @Test
    void answersCarryThePositionTheyReflectAndWaitForOneWhenAsked() throws Exception {
        // two records on partition 0, one on partition 1; the ledger projection has applied them all
        publish(0, 2);
        publish(1, 1);
        progress("ledger", 0, 1, 40);
        progress("ledger", 1, 0, 41);
        assertThat(api().get("/api/v1/ledger", aliceToken).header("X-Exchange-Position")).isEqualTo("41");

        // a third record on partition 1 is not applied yet: only what partition 1 had is certain
        publish(1, 1);
        progress("ledger", 0, 1, 60);
        assertThat(api().get("/api/v1/ledger", aliceToken).header("X-Exchange-Position")).isEqualTo("41");

        Response tooEarly = api().get("/api/v1/ledger?minPosition=62", aliceToken);
        assertThat(tooEarly.status()).isEqualTo(503);
        assertThat(tooEarly.json().path("code").asText()).isEqualTo("POSITION_NOT_REACHED");
        assertThat(tooEarly.header("Retry-After")).isEqualTo("1");

        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
                () -> api().get("/api/v1/ledger?minPosition=62", aliceToken));
        Thread.sleep(200);
        progress("ledger", 1, 1, 62);
        Response answered = waiting.get(5, TimeUnit.SECONDS);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.header("X-Exchange-Position")).isEqualTo("62");
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private JsonNode candles(String interval, String more) {
        Response answer = api().get("/api/v1/markets/BTC-USDT/candles?interval=" + interval + more, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("interval").asText()).isEqualTo(interval);
        return answer.json().path("candles");
    }

    private static void assertCandle(JsonNode candle, String openTime, String closeTime, String open, String high,
                                     String low, String close, String volume, long trades) {
        assertThat(candle.path("openTime").asText()).isEqualTo(openTime);
        assertThat(candle.path("closeTime").asText()).isEqualTo(closeTime);
        assertThat(candle.path("open").asText()).isEqualTo(open);
        assertThat(candle.path("high").asText()).isEqualTo(high);
        assertThat(candle.path("low").asText()).isEqualTo(low);
        assertThat(candle.path("close").asText()).isEqualTo(close);
        assertThat(candle.path("volume").asText()).isEqualTo(volume);
        assertThat(candle.path("trades").asLong()).isEqualTo(trades);
    }

    private static void trade(String market, long sequence, String price, String quantity, Instant at) {
        BigDecimal quote = new BigDecimal(price).multiply(new BigDecimal(quantity)).setScale(8);
        readModel.sql("insert into market_trades values (?, ?, ?, ?, ?, ?, 'BUY', ?)")
                .params(market + "-" + sequence, market, sequence, new BigDecimal(price), new BigDecimal(quantity),
                        quote, at.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static void candle(String interval, String openTime, String open, String high, String low, String close,
                               String volume, long trades, long firstSequence, long lastSequence) {
        readModel.sql("insert into candles values ('BTC-USDT', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")
                .params(interval, Instant.parse(openTime).atOffset(ZoneOffset.UTC), new BigDecimal(open),
                        new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume),
                        trades, firstSequence, lastSequence)
                .update();
    }

    private static void posting(String event, int leg, String account, String asset, String bucket, String amount,
                                String balanceAfter, String kind, String reference, Instant at) {
        readModel.sql("insert into ledger_postings values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(event + ":" + leg, event, leg, account, asset, bucket, new BigDecimal(amount), new BigDecimal(balanceAfter),
                        kind, reference, at.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static void progress(String processor, int partition, long offset, long position) {
        readModel.sql("""
                        insert into projection_progress values (?, ?, ?, ?)
                        on conflict (processor, partition) do update set kafka_offset = excluded.kafka_offset,
                                                                         position = excluded.position""")
                .params(processor, partition, offset, position).update();
    }

    private static void publish(int partition, int records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, COMPONENTS.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, partition, "key", "record")).get();
            }
        }
    }
}
