package org.exchange.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.AccountOpenedEvent;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.order.OrderId;
import org.exchange.api.market.MarketHaltedEvent;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.MarketResumedEvent;
import org.exchange.api.market.MarketSpec;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.Pseudonyms;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events on the real Kafka topic become PostgreSQL read models (balances, markets) and OpenSearch
 * ledger documents (one per posting; all analytics indices in {@link SearchProjectionIT}); delivering an event twice, or late, changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadModelProjectionIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String TOPIC = "it.projections." + UUID.randomUUID();
    private static final String INDEX_PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final Asset USDT = Asset.of("USDT");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate database;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    EventProcessingConfiguration processing;
    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    private EventTopic topic;
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> TOPIC);
        registry.add("exchange.opensearch.index-prefix", () -> INDEX_PREFIX);
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "projections"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void producer() {
        topic = new EventTopic(COMPONENTS.kafkaBootstrap(), TOPIC, serializer);
    }

    @AfterEach
    void closeProducer() {
        topic.close();
    }

    @AfterAll
    static void dropIndices() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(COMPONENTS.openSearchUrl() + "/"
                        + INDEX_PREFIX + "ledger-" + AnalyticsIndex.LEDGER.version() + "?ignore_unavailable=true"))
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void depositsBecomeABalanceRowAndLedgerDocuments() throws Exception {
        AccountId account = AccountId.of(UUID.randomUUID().toString());
        publish(event(account, 0, new AccountOpenedEvent(account, "carol")));
        DomainEventMessage<?> first = event(account, 1, deposit(account, "1000.00000000", "1000.00000000"));
        publish(first);
        publish(event(account, 2, deposit(account, "0.00000001", "1000.00000001")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(balance(account)).isEqualTo(Map.of("available", "1000.00000001", "held", "0.00000000", "last_sequence", 2L)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledgerCount(account)).isEqualTo(2));

        JsonNode document = ledgerDocument(first.getIdentifier() + ":0");
        assertThat(document.path("amount").asText()).isEqualTo("1000.00000000");
        assertThat(document.path("amountUnits").asLong()).isEqualTo(100_000_000_000L);
        assertThat(document.path("balanceAfter").asText()).isEqualTo("1000.00000000");
        assertThat(document.path("account").asText()).isEqualTo(pseudonyms.of(account.value()));
        assertThat(document.path("kind").asText()).isEqualTo("DEPOSIT");
    }

    @Test
    void aRedeliveredOrLateEventChangesNothing() throws Exception {
        AccountId account = AccountId.of(UUID.randomUUID().toString());
        DomainEventMessage<?> early = event(account, 1, deposit(account, "5.00000000", "5.00000000"));
        publish(event(account, 0, new AccountOpenedEvent(account, "dave")));
        publish(early);
        publish(event(account, 2, deposit(account, "7.00000000", "12.00000000")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledgerCount(account)).isEqualTo(2));

        publish(early);
        // a later event of the same account travels behind the redelivered one (same key, same
        // partition): once it is applied, the redelivery has been processed too
        publish(event(account, 3, new FundsDepositedEvent(account, DepositId.random(), Asset.of("BTC"),
                new BigDecimal("1.00000000"), new BigDecimal("1.00000000"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> database.queryForObject(
                "select count(*) from balances where account_id = ? and asset = 'BTC'", Long.class, account.value()) == 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledgerCount(account)).isEqualTo(3));

        assertThat(balance(account)).containsEntry("available", "12.00000000").containsEntry("last_sequence", 2L);
        assertThat(ledgerCount(account)).as("the redelivered event overwrote its own document").isEqualTo(3);
    }

    @Test
    void holdsMoveFundsBetweenAvailableAndHeld() throws Exception {
        AccountId account = AccountId.of(UUID.randomUUID().toString());
        OrderId order = OrderId.random();
        publish(event(account, 0, new AccountOpenedEvent(account, "erin")));
        publish(event(account, 1, deposit(account, "100.00000000", "100.00000000")));
        publish(event(account, 2, new FundsReservedEvent(account, order, USDT, new BigDecimal("30.00000000"),
                new BigDecimal("70.00000000"), new BigDecimal("30.00000000"))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(balance(account))
                .containsEntry("available", "70.00000000").containsEntry("held", "30.00000000"));

        publish(event(account, 3, new FundsReleasedEvent(account, order, USDT, new BigDecimal("30.00000000"),
                new BigDecimal("100.00000000"), new BigDecimal("0.00000000"))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(balance(account))
                .containsEntry("available", "100.00000000").containsEntry("held", "0.00000000")
                .containsEntry("last_sequence", 3L));
    }

    @Test
    void marketsAreListedWithTheirRulesAndStatus() throws Exception {
        MarketId market = MarketId.of("M" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace("-", "0") + "-USDT");
        MarketSpec spec = new MarketSpec(market.base(), USDT, new BigDecimal("0.01"), new BigDecimal("0.00001"),
                new BigDecimal("0.00001"), new BigDecimal("1000"), new BigDecimal("5"), new BigDecimal("0.001"),
                new BigDecimal("0.002"));
        publish(new GenericDomainEventMessage<>("Market", market.value(), 0, new MarketOpenedEvent(market, spec)));
        publish(new GenericDomainEventMessage<>("Market", market.value(), 1, new MarketHaltedEvent(market, "maintenance")));
        publish(new GenericDomainEventMessage<>("Market", market.value(), 2, new MarketResumedEvent(market)));

        // the row may not exist yet: queryForMap then throws instead of failing an assertion
        await().atMost(Duration.ofSeconds(30)).ignoreException(EmptyResultDataAccessException.class)
                .untilAsserted(() -> assertThat(database.queryForMap(
                "select status, last_sequence, tick_size::text as tick, taker_fee_rate::text as taker from markets "
                        + "where market_id = ?", market.value()))
                .containsEntry("status", "TRADING").containsEntry("last_sequence", 2L)
                .containsEntry("tick", "0.01").containsEntry("taker", "0.002"));
    }

    @Test
    void healthNamesAProcessorThatStopped() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(health().path("components").path("eventProcessors").path("details").path("balances").asText())
                        .isEqualTo("RUNNING"));
        assertThat(health().path("status").asText()).isEqualTo("UP");

        processing.eventProcessor("balances", StreamingEventProcessor.class).orElseThrow().shutDown();
        try {
            JsonNode stopped = health();
            assertThat(stopped.path("status").asText()).isEqualTo("DOWN");
            assertThat(stopped.path("components").path("eventProcessors").path("details").path("balances").asText())
                    .isEqualTo("STOPPED");
        } finally {
            processing.eventProcessor("balances", StreamingEventProcessor.class).orElseThrow().start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health().path("status").asText()).isEqualTo("UP"));
    }

    @Test
    void lagShowsEventsAProjectionHasNotAppliedYet() throws Exception {
        StreamingEventProcessor balances = processing.eventProcessor("balances", StreamingEventProcessor.class).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> lag("balances") == 0);

        balances.shutDown();
        AccountId account = AccountId.of(UUID.randomUUID().toString());
        try {
            publish(event(account, 0, new AccountOpenedEvent(account, "frank")));
            publish(event(account, 1, deposit(account, "1.00000000", "1.00000000")));
            publish(event(account, 2, deposit(account, "2.00000000", "3.00000000")));

            await().atMost(Duration.ofSeconds(30)).until(() -> lag("balances") >= 3);
        } finally {
            balances.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> lag("balances") == 0);
        assertThat(balance(account)).containsEntry("available", "3.00000000");
    }

    /** The projection's lag as the Prometheus endpoint reports it. */
    private long lag(String processor) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher value = java.util.regex.Pattern.compile(
                "exchange_projection_lag_events\\{processor=\"" + processor + "\"[^}]*} ([0-9.E]+)").matcher(metrics);
        return value.find() ? (long) Double.parseDouble(value.group(1)) : -1;
    }

    @Test
    void readinessSaysWhetherTheEventBrokerAndOpenSearchAnswer() throws Exception {
        JsonNode readiness = health("/readiness");

        assertThat(readiness.path("components").path("eventBroker").path("status").asText()).as(readiness.toString())
                .isEqualTo("UP");
        assertThat(readiness.path("components").path("search").path("status").asText()).as(readiness.toString())
                .isEqualTo("UP");
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
    }

    private JsonNode health() throws Exception {
        return health("");
    }

    private JsonNode health(String group) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health" + group))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static FundsDepositedEvent deposit(AccountId account, String amount, String after) {
        return new FundsDepositedEvent(account, DepositId.random(), USDT, new BigDecimal(amount), new BigDecimal(after));
    }

    private static DomainEventMessage<?> event(AccountId account, long sequence, Object payload) {
        return EventTopic.event("Account", account.value(), sequence, payload);
    }

    private void publish(DomainEventMessage<?> event) throws Exception {
        topic.publish(event);
    }

    private Map<String, Object> balance(AccountId account) {
        return database.query("select available::text as available, held::text as held, last_sequence from balances "
                        + "where account_id = ? and asset = 'USDT'",
                rows -> rows.next() ? Map.of("available", rows.getString(1), "held", rows.getString(2),
                        "last_sequence", rows.getLong(3)) : null, account.value());
    }

    private long ledgerCount(AccountId account) throws Exception {
        String query = "{\"query\":{\"term\":{\"account\":\"" + pseudonyms.of(account.value()) + "\"}}}";
        JsonNode answer = openSearch("POST", "/" + INDEX_PREFIX + "ledger/_count", query);
        return answer.path("count").asLong(-1);
    }

    private JsonNode ledgerDocument(String id) throws Exception {
        return openSearch("GET", "/" + INDEX_PREFIX + "ledger/_doc/" + id, null).path("_source");
    }

    private JsonNode openSearch(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(COMPONENTS.openSearchUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
