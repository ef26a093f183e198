package org.exchange.command.access;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.command.TestMarkets;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trader's bot on the real stack: keys are created, listed and revoked with a login token; a
 * request signed with a key places an order for the key's owner; every way a signed request can
 * be wrong is refused with its own code and stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "exchange.access.max-keys-per-account=3")
class ApiKeysIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String ORDER = """
            {"market":"BTC-USDT","side":"BUY","type":"LIMIT","timeInForce":"GTC","price":"50000.00",
             "quantity":"0.010","clientOrderId":"%s"}""";

    private static String adminToken;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate database;
    private ApiClient api;
    private String trader;
    private String traderToken;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.command." + UUID.randomUUID());
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "command"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void admin() {
        String admin = KEYCLOAK.createUser("it-admin", "admin");
        adminToken = KEYCLOAK.token(admin, admin);
    }

    @BeforeEach
    void fundedTrader() {
        api = new ApiClient("http://127.0.0.1:" + port);
        TestMarkets.openBtcUsdt(api, adminToken);
        trader = KEYCLOAK.createUser("it-bot", "trader");
        traderToken = KEYCLOAK.token(trader, trader);
        assertThat(api.post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"10000\"}".formatted(trader)).status()).isEqualTo(201);
    }

    private JsonNode createKey(String body) {
        Response created = api.post("/api/v1/api-keys", traderToken, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private long storedEvents() {
        return database.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    @Test
    void aSignedRequestPlacesAnOrderForTheKeysOwner() {
        JsonNode key = createKey("{\"label\":\"grid bot\",\"permissions\":[\"READ\",\"TRADE\"]}");
        assertThat(key.path("secret").asText()).hasSize(64);
        assertThat(key.path("apiKey").asText()).hasSize(64);

        Response placed = api.signed("POST", "/api/v1/orders", "recvWindow=5000", ORDER.formatted("bot-1"),
                key.path("apiKey").asText(), key.path("secret").asText());

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().path("status").asText()).isEqualTo("NEW");
        String owner = database.queryForObject("select convert_from(payload, 'UTF8')::json ->> 'accountId' "
                        + "from domain_event_entry where aggregate_identifier = ? and sequence_number = 0",
                String.class, placed.json().path("orderId").asText());
        assertThat(owner).isEqualTo(KEYCLOAK.userId(trader));
    }

    @Test
    void theSecretIsShownOnceAndNeverStoredInPlainText() {
        JsonNode key = createKey("{\"label\":\"reader\",\"permissions\":[\"READ\"],\"ipAllowList\":[\"10.0.0.0/8\"]}");
        String secret = key.path("secret").asText();

        Response listed = api.get("/api/v1/api-keys", traderToken);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(secret).doesNotContain("\"secret\"");
        JsonNode only = listed.json().path("apiKeys").get(0);
        assertThat(only.path("keyId").asText()).isEqualTo(key.path("keyId").asText());
        assertThat(only.path("permissions").toString()).isEqualTo("[\"READ\"]");
        assertThat(only.path("ipAllowList").toString()).isEqualTo("[\"10.0.0.0/8\"]");
        assertThat(only.path("active").asBoolean()).isTrue();
        List<byte[]> sealed = database.queryForList("select secret_sealed from access.api_keys where key_id = ?::uuid",
                byte[].class, key.path("keyId").asText());
        assertThat(sealed).hasSize(1);
        assertThat(new String(sealed.getFirst(), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        String wholeRow = database.queryForObject("select k::text from access.api_keys k where key_id = ?::uuid",
                String.class, key.path("keyId").asText());
        assertThat(wholeRow).doesNotContain(secret);
    }

    @Test
    void everyWrongSignedRequestIsRefusedWithItsOwnCodeAndStoresNothing() {
        JsonNode key = createKey("{\"label\":\"bot\",\"permissions\":[\"READ\",\"TRADE\"]}");
        String apiKey = key.path("apiKey").asText();
        String secret = key.path("secret").asText();
        String body = ORDER.formatted("bad-1");
        long events = storedEvents();
        long now = System.currentTimeMillis();

        assertRefused(api.signed("POST", "/api/v1/orders", "", body, apiKey, "x".repeat(64)),
                401, "INVALID_SIGNATURE");
        String signedQuery = "timestamp=" + now;
        String signature = ApiClient.signature(secret, signedQuery + body);
        assertRefused(api.request("POST", "/api/v1/orders?" + signedQuery + "&signature=" + signature,
                body.replace("50000.00", "5000.00"), Map.of("X-MBX-APIKEY", apiKey)), 401, "INVALID_SIGNATURE");
        assertRefused(api.request("POST", "/api/v1/orders?" + signedQuery, body, Map.of("X-MBX-APIKEY", apiKey)),
                401, "INVALID_SIGNATURE");
        assertRefused(api.signed("POST", "/api/v1/orders", "timestamp=" + (now - 60_000), body, apiKey, secret),
                400, "TIMESTAMP_OUTSIDE_RECV_WINDOW");
        assertRefused(api.signed("POST", "/api/v1/orders", "timestamp=" + (now + 30_000), body, apiKey, secret),
                400, "TIMESTAMP_OUTSIDE_RECV_WINDOW");
        assertRefused(api.signed("POST", "/api/v1/orders", "recvWindow=999999999", body, apiKey, secret),
                400, "VALIDATION_FAILED");
        assertRefused(api.signed("POST", "/api/v1/orders", "", body, "A".repeat(64), secret), 401, "INVALID_API_KEY");
        assertRefused(api.request("POST", "/api/v1/orders?" + signedQuery + "&signature=" + signature, body,
                Map.of("X-MBX-APIKEY", apiKey, "Authorization", "Bearer " + traderToken)), 400, "MALFORMED_REQUEST");

        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void aKeyDoesOnlyWhatItsPermissionsAndAddressesAllow() {
        JsonNode reader = createKey("{\"label\":\"reader\",\"permissions\":[\"READ\"]}");
        JsonNode elsewhere = createKey("{\"label\":\"office\",\"permissions\":[\"TRADE\"],\"ipAllowList\":[\"203.0.113.0/24\"]}");
        JsonNode here = createKey("{\"label\":\"here\",\"permissions\":[\"TRADE\"],\"ipAllowList\":[\"127.0.0.0/8\"]}");
        long events = storedEvents();

        assertRefused(api.signed("POST", "/api/v1/orders", "", ORDER.formatted("ro-1"),
                reader.path("apiKey").asText(), reader.path("secret").asText()), 403, "API_KEY_NOT_PERMITTED");
        assertRefused(api.signed("POST", "/api/v1/orders", "", ORDER.formatted("far-1"),
                elsewhere.path("apiKey").asText(), elsewhere.path("secret").asText()), 403, "IP_NOT_ALLOWED");
        assertRefused(api.signed("GET", "/api/v1/api-keys", "", null,
                reader.path("apiKey").asText(), reader.path("secret").asText()), 403, "API_KEY_NOT_PERMITTED");
        assertThat(storedEvents()).isEqualTo(events);

        Response fromAllowedAddress = api.signed("POST", "/api/v1/orders", "", ORDER.formatted("near-1"),
                here.path("apiKey").asText(), here.path("secret").asText());
        assertThat(fromAllowedAddress.status()).as(fromAllowedAddress.body()).isEqualTo(201);
    }

    @Test
    void aRevokedKeyStopsWorkingAndOnlyItsOwnerCanRevokeIt() {
        JsonNode key = createKey("{\"label\":\"bot\",\"permissions\":[\"TRADE\"]}");
        String keyId = key.path("keyId").asText();
        String stranger = KEYCLOAK.createUser("it-stranger", "trader");
        String strangerToken = KEYCLOAK.token(stranger, stranger);

        Response byStranger = api.send("DELETE", "/api/v1/api-keys/" + keyId, strangerToken, null);
        Response unknown = api.send("DELETE", "/api/v1/api-keys/" + UUID.randomUUID(), strangerToken, null);
        assertRefused(byStranger, 404, "API_KEY_NOT_FOUND");
        assertRefused(unknown, 404, "API_KEY_NOT_FOUND");
        assertThat(byStranger.json().path("detail")).isEqualTo(unknown.json().path("detail"));

        Response revoked = api.send("DELETE", "/api/v1/api-keys/" + keyId, traderToken, null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("active").asBoolean()).isFalse();
        assertRefused(api.signed("POST", "/api/v1/orders", "", ORDER.formatted("late-1"),
                key.path("apiKey").asText(), key.path("secret").asText()), 401, "INVALID_API_KEY");
    }

    @Test
    void badKeyRequestsAndTooManyKeysAreRefused() {
        assertRefused(api.post("/api/v1/api-keys", traderToken, "{\"label\":\"\",\"permissions\":[\"READ\"]}"),
                400, "VALIDATION_FAILED");
        assertRefused(api.post("/api/v1/api-keys", traderToken, "{\"label\":\"x\",\"permissions\":[\"WITHDRAW\"]}"),
                400, "VALIDATION_FAILED");
        assertRefused(api.post("/api/v1/api-keys", traderToken, "{\"label\":\"x\",\"permissions\":[]}"),
                400, "VALIDATION_FAILED");
        assertRefused(api.post("/api/v1/api-keys", traderToken,
                "{\"label\":\"x\",\"permissions\":[\"READ\"],\"ipAllowList\":[\"example.com\"]}"), 400, "VALIDATION_FAILED");
        assertRefused(api.post("/api/v1/api-keys", traderToken,
                "{\"label\":\"x\",\"permissions\":[\"READ\"],\"ipAllowList\":[\"10.0.0.0/33\"]}"), 400, "VALIDATION_FAILED");
        assertRefused(api.post("/api/v1/api-keys", traderToken, "{\"label\":\"a\\u0000b\",\"permissions\":[\"READ\"]}"),
                400, "VALIDATION_FAILED");
        assertRefused(api.post("/api/v1/api-keys", adminToken, "{\"label\":\"x\",\"permissions\":[\"READ\"]}"),
                403, "FORBIDDEN");
        assertThat(api.get("/api/v1/api-keys", traderToken).json().path("apiKeys")).isEmpty();

        for (int i = 0; i < 3; i++) {
            createKey("{\"label\":\"bot %d\",\"permissions\":[\"READ\"]}".formatted(i));
        }
        assertRefused(api.post("/api/v1/api-keys", traderToken, "{\"label\":\"one more\",\"permissions\":[\"READ\"]}"),
                409, "TOO_MANY_API_KEYS");
        String first = api.get("/api/v1/api-keys", traderToken).json().path("apiKeys").get(0).path("keyId").asText();
        assertThat(api.send("DELETE", "/api/v1/api-keys/" + first, traderToken, null).status()).isEqualTo(200);
        createKey("{\"label\":\"after revoking\",\"permissions\":[\"READ\"]}");
    }

    private static void assertRefused(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        assertThat(response.json().path("code").asText()).isEqualTo(code);
    }
}
