package org.exchange.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.exchange.command.TestMarkets;
import org.exchange.platform.access.ApiKeys;
import org.exchange.platform.axon.CallerMetadata;
import org.exchange.platform.security.Caller;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who caused each event, in its stored metadata: the caller of the REST request (account id, user
 * name, API key when signed) on the events of every command the request sent, one correlation
 * (trace) id per request, and the same caller and correlation on what the sagas did in reaction
 * (the release of a canceled order's hold). Real command side with its sagas, PostgreSQL, Kafka and
 * Keycloak.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CallerMetadataIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String admin;
    private static String adminToken;
    private static String trader;
    private static String traderToken;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate database;
    @Autowired
    ApiKeys apiKeys;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.caller." + UUID.randomUUID());
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "caller"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void users() {
        admin = KEYCLOAK.createUser("it-caller-admin", "admin");
        trader = KEYCLOAK.createUser("it-caller-trader", "trader");
        adminToken = KEYCLOAK.token(admin, admin);
        traderToken = KEYCLOAK.token(trader, trader);
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private static final String BUY = """
            {"market":"BTC-USDT","side":"BUY","type":"LIMIT","timeInForce":"GTC","price":"100.00",
             "quantity":"0.10000","clientOrderId":"%s"}""";

    @Test
    void everyEventCarriesTheCallerOfTheRequestThatCausedItAlsoThroughTheSagas() throws Exception {
        TestMarkets.openBtcUsdt(api(), adminToken);
        Response funded = api().post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"1000\"}".formatted(trader));
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);
        Response placed = api().post("/api/v1/orders", traderToken, BUY.formatted("caller-1"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String orderId = placed.json().path("orderId").asText();
        Response canceled = api().send("DELETE", "/api/v1/orders/" + orderId, traderToken, null);
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        // the order saga releases the hold after the cancel has been answered
        await().atMost(Duration.ofSeconds(20)).until(() -> !events("FundsReleasedEvent", orderId).isEmpty());

        String adminId = KEYCLOAK.userId(admin);
        String traderId = KEYCLOAK.userId(trader);
        JsonNode deposit = events("FundsDepositedEvent", traderId).getFirst();
        assertThat(deposit.path(CallerMetadata.ACCOUNT_ID).asText()).isEqualTo(adminId);
        assertThat(deposit.path(CallerMetadata.USERNAME).asText()).isEqualTo(admin);
        assertThat(deposit.has(CallerMetadata.API_KEY_ID)).isFalse();

        List<JsonNode> placement = List.of(events("OrderPlacedEvent", orderId).getFirst(),
                events("FundsReservedEvent", orderId).getFirst(), events("OrderAcceptedEvent", orderId).getFirst());
        assertThat(placement).allSatisfy(metadata -> {
            assertThat(metadata.path(CallerMetadata.ACCOUNT_ID).asText()).isEqualTo(traderId);
            assertThat(metadata.path(CallerMetadata.USERNAME).asText()).isEqualTo(trader);
        });
        assertThat(placement.stream().map(metadata -> metadata.path(CallerMetadata.TRACE_ID).asText()).distinct())
                .as("one correlation for everything the request did").hasSize(1);
        String placeTrace = placement.getFirst().path(CallerMetadata.TRACE_ID).asText();
        assertThat(deposit.path(CallerMetadata.TRACE_ID).asText()).isNotEqualTo(placeTrace);

        JsonNode cancelRequested = events("OrderCancelRequestedEvent", orderId).getFirst();
        JsonNode released = events("FundsReleasedEvent", orderId).getFirst();
        assertThat(released.path(CallerMetadata.ACCOUNT_ID).asText()).as("the saga's release, for the trader's cancel")
                .isEqualTo(traderId);
        assertThat(released.path(CallerMetadata.TRACE_ID).asText())
                .isEqualTo(cancelRequested.path(CallerMetadata.TRACE_ID).asText()).isNotEqualTo(placeTrace);
        assertThat(released.path(CallerMetadata.CAUSATION_ID).asText()).as("caused by the saga's command, not the request")
                .isNotEqualTo(cancelRequested.path(CallerMetadata.CAUSATION_ID).asText());
    }

    @Test
    void aSignedRequestNamesTheApiKeyThatSignedIt() throws Exception {
        TestMarkets.openBtcUsdt(api(), adminToken);
        String traderId = KEYCLOAK.userId(trader);
        assertThat(api().post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"100\"}".formatted(trader)).status()).isEqualTo(201);
        ApiKeys.Created key = apiKeys.create(new Caller(traderId, trader, Set.of("trader"), null), "bot",
                List.of("READ", "TRADE"), List.of());

        Response placed = api().signed("POST", "/api/v1/orders", "", BUY.formatted("signed-1"), key.key().apiKey(),
                key.secret());

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode metadata = events("OrderPlacedEvent", placed.json().path("orderId").asText()).getFirst();
        assertThat(metadata.path(CallerMetadata.ACCOUNT_ID).asText()).isEqualTo(traderId);
        assertThat(metadata.path(CallerMetadata.API_KEY_ID).asText()).isEqualTo(key.key().keyId().toString());
    }

    /** The metadata of the events of a type whose payload mentions {@code id}, oldest first. */
    private List<JsonNode> events(String type, String id) throws Exception {
        List<String> rows = database.queryForList("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where payload_type like ? and convert_from(payload, 'UTF8') like ? order by global_index",
                String.class, "%." + type, "%\"" + id + "\"%");
        List<JsonNode> metadata = new ArrayList<>();
        for (String row : rows) {
            metadata.add(JSON.readTree(row));
        }
        return metadata;
    }
}
