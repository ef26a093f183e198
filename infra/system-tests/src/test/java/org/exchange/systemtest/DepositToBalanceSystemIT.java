package org.exchange.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first slice of the running system, as a client and an auditor would see it: an admin
 * credits a deposit through the gateway, and the money shows up in every hop — the event store,
 * the Kafka topic, the PostgreSQL balance, the OpenSearch ledger — and in the trader's balances.
 */
class DepositToBalanceSystemIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GATEWAY = System.getenv().getOrDefault("EXCHANGE_GATEWAY_URL", "http://127.0.0.1:8000");
    private static final String EVENTS_DB = System.getenv().getOrDefault("EXCHANGE_DB_NAME", "exchange");
    private static final String READ_DB = System.getenv().getOrDefault("EXCHANGE_READ_DB_NAME", "exchange_read");
    private static final String TOPIC = System.getenv().getOrDefault("EXCHANGE_EVENTS_TOPIC", "exchange.events");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ApiClient API = new ApiClient(GATEWAY);
    /** Tokens are fetched through the gateway, as a client would. */
    private static final Keycloak GATEWAY_TOKENS = new Keycloak(COMPONENTS.withKeycloakUrl(GATEWAY));
    private static String trader;
    private static String accountId;

    @BeforeAll
    static void aFreshTrader() {
        trader = KEYCLOAK.createUser("sys-trader", "trader");
        accountId = KEYCLOAK.userId(trader);
    }

    @Test
    void aDepositByTheDemoAdminReachesEveryReadModelAndTheTradersBalance() throws Exception {
        String adminToken = GATEWAY_TOKENS.token("root", "root");
        String traderToken = GATEWAY_TOKENS.token(trader, trader);
        String depositId = "sys-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(5);

        Response deposit = API.post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"1000.00\",\"depositId\":\"%s\"}".formatted(trader, depositId));
        Instant accepted = Instant.now();

        assertThat(deposit.status()).as(deposit.body()).isEqualTo(201);
        assertThat(JSON.readTree(deposit.body()).path("accountId").asText()).isEqualTo(accountId);

        // the trader's view, through the gateway: reading with the deposit's position waits until the
        // balance reflects it (read your writes), so the first answer already shows the money
        long position = JSON.readTree(deposit.body()).path("position").asLong();
        assertThat(position).isPositive();
        Response balance = API.get("/api/v1/balances?minPosition=" + position, traderToken);
        assertThat(balance.status()).as(balance.body()).isEqualTo(200);
        assertThat(Long.parseLong(balance.header("X-Exchange-Position"))).isGreaterThanOrEqualTo(position);
        assertThat(JSON.readTree(balance.body()).path("balances").findValuesAsText("available"))
                .containsExactly("1000.00000000");
        System.out.printf("deposit visible in the trader's balance %d ms after it was accepted%n",
                Duration.between(accepted, Instant.now()).toMillis());
        JsonNode statement = JSON.readTree(API.get("/api/v1/ledger?minPosition=" + position, traderToken).body());
        assertThat(statement.path("entries")).hasSize(1);
        assertThat(statement.path("entries").get(0).path("kind").asText()).isEqualTo("DEPOSIT");
        assertThat(statement.path("entries").get(0).path("amount").asText()).isEqualTo("1000.00000000");
        assertThat(statement.path("entries").get(0).path("reference").asText()).isEqualTo(depositId);

        // hop 1: the event store
        assertThat(query(EVENTS_DB, "select payload_type from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", accountId)).containsExactly(
                "org.exchange.api.account.AccountOpenedEvent", "org.exchange.api.account.FundsDepositedEvent");
        // hop 2: the Kafka topic, keyed by the account
        assertThat(recordMentioning(depositId, before).key()).isEqualTo(accountId);
        // hop 3: the PostgreSQL read model
        assertThat(query(READ_DB, "select available::text from balances where account_id = ? and asset = 'USDT'", accountId))
                .containsExactly("1000.00000000");
        // hop 4: the OpenSearch ledger, double entry (the trader's credit, the deposits account's debit),
        // the trader under a pseudonym only
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode hits = openSearch("/exchange-ledger/_search?sort=leg",
                    "{\"query\":{\"term\":{\"reference\":\"" + depositId + "\"}}}").path("hits").path("hits");
            assertThat(hits).hasSize(2);
            assertThat(hits.get(0).path("_source").path("amount").asText()).isEqualTo("1000.00000000");
            assertThat(hits.get(0).path("_source").path("account").asText()).hasSize(64).isNotEqualTo(accountId);
            assertThat(hits.get(1).path("_source").path("account").asText()).isEqualTo("external:deposits");
            assertThat(hits.get(1).path("_source").path("amount").asText()).isEqualTo("-1000.00000000");
        });
    }

    @Test
    void theGatewayPassesRefusalsThroughAsProblems() throws Exception {
        String adminToken = GATEWAY_TOKENS.token("root", "root");

        Response malformed = API.post("/api/v1/admin/deposits", adminToken, "{\"user\":");
        Response anonymous = API.get("/api/v1/balances", null);
        Response wrongRole = API.get("/api/v1/balances", adminToken);

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(JSON.readTree(malformed.body()).path("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(JSON.readTree(wrongRole.body()).path("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void theDemoTradersAreFundedAndCanReadTheirBalances() throws Exception {
        for (String demo : List.of("alice", "bob")) {
            String token = GATEWAY_TOKENS.token(demo, demo);
            // read models follow the event store within moments; a client polls like this
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Response response = API.get("/api/v1/balances", token);
                assertThat(response.status()).as(demo).isEqualTo(200);
                Map<String, BigDecimal> available = new java.util.HashMap<>();
                JSON.readTree(response.body()).path("balances").forEach(balance ->
                        available.put(balance.path("asset").asText(), new BigDecimal(balance.path("available").asText())));
                assertThat(available.get("USDT")).as(demo + " USDT").isGreaterThanOrEqualTo(new BigDecimal("100000"));
                assertThat(available.get("BTC")).as(demo + " BTC").isGreaterThanOrEqualTo(new BigDecimal("2"));
                assertThat(available.get("ETH")).as(demo + " ETH").isGreaterThanOrEqualTo(new BigDecimal("20"));
            });
        }
    }

    @Test
    void anyoneCanListTheDemoMarketsWithTheirRules() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response response = API.get("/api/v1/markets", null);
            assertThat(response.status()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("markets").findValuesAsText("market"))
                    .contains("BTC-USDT", "ETH-USDT");
        });
        JsonNode btc = JSON.readTree(API.get("/api/v1/markets/BTC-USDT", null).body());
        assertThat(btc.path("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(btc.path("tickSize").asText()).isEqualTo("0.01");
        assertThat(btc.path("stepSize").asText()).isEqualTo("0.00001");
        assertThat(btc.path("minNotional").asText()).isEqualTo("5");
        assertThat(btc.path("status").asText()).isEqualTo("TRADING");
    }

    @Test
    void anUnknownMarketIsAProblem() throws Exception {
        for (String market : List.of("DOGE-USDT", "dogeusdt")) {
            Response response = API.get("/api/v1/markets/" + market, null);

            assertThat(response.status()).as(market).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("UNKNOWN_MARKET");
        }
    }



    private static List<String> query(String database, String sql, String parameter) throws Exception {
        try (Connection connection = DriverManager.getConnection(COMPONENTS.jdbcUrl(database), COMPONENTS.dbUser(), COMPONENTS.dbPassword());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new java.util.ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }

    /** Reads the topic from {@code since} on, until a record mentions {@code text}. */
    private static ConsumerRecord<String, byte[]> recordMentioning(String text, Instant since) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, COMPONENTS.kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(partitions.stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> since.toEpochMilli())));
            partitions.forEach(partition -> {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            });
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (new String(record.value(), StandardCharsets.UTF_8).contains(text)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record mentioning " + text + " on " + TOPIC);
    }

    private static JsonNode openSearch(String path, String body) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(COMPONENTS.openSearchUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
