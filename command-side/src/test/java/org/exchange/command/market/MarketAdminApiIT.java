package org.exchange.command.market;

import org.exchange.command.TestMarkets;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins open, halt and resume markets on the real stack; bad specs are refused and store nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MarketAdminApiIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String BTC_USDT = TestMarkets.BTC_USDT;

    private static String adminToken;
    private static String traderToken;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate database;
    private ApiClient api;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.markets." + UUID.randomUUID());
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "markets"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void users() {
        String admin = KEYCLOAK.createUser("it-admin", "admin");
        String trader = KEYCLOAK.createUser("it-trader", "trader");
        adminToken = KEYCLOAK.token(admin, admin);
        traderToken = KEYCLOAK.token(trader, trader);
    }

    @BeforeEach
    void client() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void anAdminOpensHaltsAndResumesAMarket() {
        Response opened = api.post("/api/v1/admin/markets", adminToken, BTC_USDT);
        Response again = api.post("/api/v1/admin/markets", adminToken, BTC_USDT);
        Response halted = api.post("/api/v1/admin/markets/BTC-USDT/halt", adminToken, "{\"reason\":\"maintenance\"}");
        Response haltedTwice = api.post("/api/v1/admin/markets/BTC-USDT/halt", adminToken, null);
        Response reopenedWhileHalted = api.post("/api/v1/admin/markets", adminToken, BTC_USDT);
        Response resumed = api.post("/api/v1/admin/markets/BTC-USDT/resume", adminToken, null);

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.json().path("market").asText()).isEqualTo("BTC-USDT");
        assertThat(again.status()).as("a retry with the same rules").isEqualTo(201);
        assertThat(halted.json().path("status").asText()).isEqualTo("HALTED");
        assertThat(haltedTwice.status()).isEqualTo(409);
        assertThat(haltedTwice.json().path("code").asText()).isEqualTo("ALREADY_IN_STATE");
        assertThat(reopenedWhileHalted.json().path("status").asText()).isEqualTo("HALTED");
        assertThat(resumed.json().path("status").asText()).isEqualTo("TRADING");
        assertThat(eventTypes("BTC-USDT")).containsExactly("MarketOpenedEvent", "MarketHaltedEvent", "MarketResumedEvent");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zero tick          | "tickSize":"0.01"    | "tickSize":"0"          | 400 | INVALID_MARKET_SPEC
            tick too precise   | "tickSize":"0.01"    | "tickSize":"0.000000001" | 400 | INVALID_MARKET_SPEC
            min above max      | "minQuantity":"0.00001" | "minQuantity":"2000" | 400 | INVALID_MARKET_SPEC
            fee too high       | "takerFeeRate":"0.002" | "takerFeeRate":"0.5"  | 400 | INVALID_MARKET_SPEC
            negative fee       | "makerFeeRate":"0.001" | "makerFeeRate":"-0.001" | 400 | INVALID_MARKET_SPEC
            exponent           | "tickSize":"0.01"    | "tickSize":"1e-2"        | 400 | MALFORMED_AMOUNT
            unlisted asset     | "base":"BTC"         | "base":"DOGE"            | 400 | UNKNOWN_ASSET
            same assets        | "base":"BTC"         | "base":"USDT"            | 400 | INVALID_MARKET_SPEC
            missing quote      | "quote":"USDT",      | ''                       | 400 | VALIDATION_FAILED
            """)
    void anIncoherentMarketIsRefusedAndStoresNothing(String name, String field, String replacement, int status, String code) {
        long before = eventCount();

        Response refused = api.post("/api/v1/admin/markets", adminToken, BTC_USDT.replace(field, replacement));

        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("code").asText()).isEqualTo(code);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void haltingAnUnknownOrMalformedMarketIsRefused() {
        Response unknown = api.post("/api/v1/admin/markets/ETH-BTC/halt", adminToken, null);
        Response malformed = api.post("/api/v1/admin/markets/ethbtc/halt", adminToken, null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("UNKNOWN_MARKET");
        assertThat(malformed.json().path("code").asText()).isEqualTo("UNKNOWN_MARKET");
        assertThat(eventTypes("ETH-BTC")).isEmpty();
    }

    @Test
    void tradersCannotManageMarkets() {
        Response refused = api.post("/api/v1/admin/markets", traderToken, BTC_USDT.replace("BTC", "ETH"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(eventTypes("ETH-USDT")).isEmpty();
    }

    private List<String> eventTypes(String market) {
        return database.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", String.class, market).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private long eventCount() {
        return database.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
