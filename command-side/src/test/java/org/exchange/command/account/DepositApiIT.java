package org.exchange.command.account;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.command.TopicReader;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deposit path of the command side against the real PostgreSQL, Kafka and Keycloak: the event
 * lands in the event store and on the Kafka topic; every bad request is refused with a problem
 * and a stable code, and stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DepositApiIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String TOPIC = "it.command." + UUID.randomUUID();

    private static String trader;
    private static String adminToken;
    private static String traderToken;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate database;
    @Autowired
    EventProcessingConfiguration processing;


    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> TOPIC);
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "command"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    private Response post(String token, String body) {
        return new ApiClient("http://127.0.0.1:" + port).post("/api/v1/admin/deposits", token, body);
    }

    @BeforeAll
    static void users() {
        trader = KEYCLOAK.createUser("it-trader", "trader");
        String admin = KEYCLOAK.createUser("it-admin", "admin");
        adminToken = KEYCLOAK.token(admin, admin);
        traderToken = KEYCLOAK.token(trader, trader);
    }

    @Test
    void aDepositIsStoredAsEventsAndPublishedToKafka() throws Exception {
        String newTrader = KEYCLOAK.createUser("it-new", "trader");
        String depositId = "dep-" + UUID.randomUUID();

        Response response = post(adminToken, """
                {"user":"%s","asset":"USDT","amount":"1000.00","depositId":"%s"}""".formatted(newTrader, depositId));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("amount").asText()).isEqualTo("1000.00000000");
        assertThat(response.json().path("user").asText()).isEqualTo(newTrader);
        String accountId = KEYCLOAK.userId(newTrader);
        assertThat(response.json().path("accountId").asText()).isEqualTo(accountId);

        List<Map<String, Object>> stored = database.queryForList(
                "select payload_type, convert_from(payload, 'UTF8') as payload from domain_event_entry "
                        + "where aggregate_identifier = ? order by sequence_number", accountId);
        assertThat(stored).extracting(row -> row.get("payload_type")).containsExactly(
                "org.exchange.api.account.AccountOpenedEvent", "org.exchange.api.account.FundsDepositedEvent");
        assertThat((String) stored.get(1).get("payload"))
                .contains("\"amount\":\"1000.00000000\"", "\"depositId\":\"" + depositId + "\"");

        ConsumerRecord<String, byte[]> published = readTopicUntil(depositId);
        assertThat(published.key()).isEqualTo(accountId);
        assertThat(new String(published.value(), StandardCharsets.UTF_8)).contains("\"amount\":\"1000.00000000\"");
    }

    @Test
    void repeatingADepositWithTheSameIdCreditsItOnce() throws Exception {
        String body = """
                {"user":"%s","asset":"BTC","amount":"0.5","depositId":"retry-%s"}""".formatted(trader, UUID.randomUUID());
        assertThat(post(adminToken, body).status()).isEqualTo(201);
        long events = eventCount();

        Response again = post(adminToken, body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void eventPositionsAreHandedOutOneByOneNotInBlocks() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(post(adminToken, "{\"user\":\"%s\",\"asset\":\"ETH\",\"amount\":\"0.01\"}".formatted(trader))
                    .status()).isEqualTo(201);
        }

        Map<String, Object> positions = database.queryForMap(
                "select min(global_index) as first, max(global_index) as last, count(*) as events from domain_event_entry");

        assertThat(((Number) positions.get("last")).longValue() - ((Number) positions.get("first")).longValue() + 1)
                .isEqualTo(((Number) positions.get("events")).longValue());
    }

    @Test
    void aPublisherWithoutATokenPublishesTheWholeEventStore() throws Exception {
        String depositId = "history-" + UUID.randomUUID();
        assertThat(post(adminToken, """
                {"user":"%s","asset":"USDT","amount":"3","depositId":"%s"}""".formatted(trader, depositId)).status())
                .isEqualTo(201);
        readTopicUntil(depositId);
        StreamingEventProcessor publisher = processing.eventProcessor("kafka-publisher-tracking",
                StreamingEventProcessor.class).orElseThrow();
        long before = recordsOnTopic();

        publisher.shutDown();
        database.update("delete from token_entry where processor_name = 'kafka-publisher-tracking'");
        publisher.start();

        long events = eventCount();
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOnTopic() >= before + events);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zero amount            | {"user":"USER","asset":"USDT","amount":"0"}                  | 400 | INVALID_AMOUNT
            negative amount        | {"user":"USER","asset":"USDT","amount":"-5.00"}              | 400 | INVALID_AMOUNT
            over-precise amount    | {"user":"USER","asset":"USDT","amount":"1.000000001"}        | 400 | AMOUNT_PRECISION
            exponent amount        | {"user":"USER","asset":"USDT","amount":"1e3"}                | 400 | MALFORMED_AMOUNT
            missing amount         | {"user":"USER","asset":"USDT"}                               | 400 | MALFORMED_AMOUNT
            unknown asset          | {"user":"USER","asset":"DOGE","amount":"1"}                  | 400 | UNKNOWN_ASSET
            malformed asset        | {"user":"USER","asset":"usdt!","amount":"1"}                 | 400 | UNKNOWN_ASSET
            unknown account        | {"user":"nobody-NOBODY","asset":"USDT","amount":"1"}         | 404 | UNKNOWN_ACCOUNT
            missing user           | {"asset":"USDT","amount":"1"}                                | 400 | VALIDATION_FAILED
            bad deposit id         | {"user":"USER","asset":"USDT","amount":"1","depositId":"a b"} | 400 | VALIDATION_FAILED
            unknown property       | {"user":"USER","asset":"USDT","amount":"1","bonus":"5"}      | 400 | MALFORMED_REQUEST
            malformed JSON         | {"user":"USER","asset":                                      | 400 | MALFORMED_REQUEST
            JSON array             | []                                                           | 400 | MALFORMED_REQUEST
            """)
    void badInputIsRefusedWithAProblemAndStoresNothing(String name, String body, int status, String code) throws Exception {
        long events = eventCount();

        Response response = post(adminToken, body.replace("USER", trader).replace("NOBODY", UUID.randomUUID().toString()));

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        assertThat(response.json().path("code").asText()).isEqualTo(code);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception", "at org.");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aDepositWithoutATokenIsRefusedAsUnauthenticated() throws Exception {
        long events = eventCount();

        Response response = post(null, "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"1\"}".formatted(trader));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(post("not-a-jwt", "{}").json().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aTraderCannotCreditDeposits() throws Exception {
        long events = eventCount();

        Response response = post(traderToken, "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"1\"}".formatted(trader));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        assertThat(response.json().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(eventCount()).isEqualTo(events);
    }

    private long eventCount() {
        return database.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private long recordsOnTopic() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, COMPONENTS.kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The first record on the topic whose payload mentions {@code text}; fails after 30 s. */
    private ConsumerRecord<String, byte[]> readTopicUntil(String text) {
        try (KafkaConsumer<String, byte[]> consumer = TopicReader.fromTheStart(COMPONENTS, TOPIC)) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (new String(record.value(), StandardCharsets.UTF_8).contains(text)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record mentioning " + text + " reached topic " + TOPIC + " within 30 s");
    }
}
