package org.exchange.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An auditor reconstructs two traders' trade from the running system's event store, through the
 * gateway: balances and orders rebuilt "as of now" equal what the traders' own read models show, an
 * earlier position shows the earlier state, the order's story names who placed it and holds the
 * trade's postings, and the auditor's own requests are in the access log.
 */
class AuditTrailSystemIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String GATEWAY = System.getenv().getOrDefault("EXCHANGE_GATEWAY_URL", "http://127.0.0.1:8000");
    private static final ApiClient API = new ApiClient(GATEWAY);
    private static final Keycloak ADMIN = new Keycloak(COMPONENTS);
    private static final Keycloak GATEWAY_TOKENS = new Keycloak(COMPONENTS.withKeycloakUrl(GATEWAY));
    private static final String MARKET = "BTC-USDT";

    private static Trader buyer;
    private static Trader seller;
    private static String auditor;
    private static String auditorToken;

    @BeforeAll
    static void tradersAndAnAuditor() {
        buyer = Trader.create(API, ADMIN, GATEWAY_TOKENS, "sys-audit-buyer");
        seller = Trader.create(API, ADMIN, GATEWAY_TOKENS, "sys-audit-seller");
        String root = GATEWAY_TOKENS.token("root", "root");
        buyer.fund(root, "USDT", "5000");
        seller.fund(root, "BTC", "1");
        auditor = ADMIN.createUser("sys-auditor", "auditor");
        auditorToken = GATEWAY_TOKENS.token(auditor, auditor);
    }

    @AfterAll
    static void cleanUp() {
        buyer.cancelAll(MARKET);
        seller.cancelAll(MARKET);
        ADMIN.deleteUser(auditor);
    }

    private static JsonNode audit(String pathAndQuery) {
        Response answer = API.get(pathAndQuery, auditorToken);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The position of the last event naming the account (its deposit, before it traded). */
    private static long lastPositionOf(Trader trader) {
        List<JsonNode> events = new ArrayList<>();
        audit("/api/v1/audit/events?limit=1000&account=" + trader.accountId).path("events").forEach(events::add);
        assertThat(events).isNotEmpty();
        return events.getLast().path("position").asLong();
    }

    @Test
    void theAuditorsReconstructionMatchesTheReadModelsNowAndShowsTheEarlierState() {
        // both deposits are in the event store once the read models show them
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(buyer.balance("USDT").available()).isEqualByComparingTo("5000");
            assertThat(seller.balance("BTC").available()).isEqualByComparingTo("1");
        });
        long beforeTrading = lastPositionOf(buyer);
        String price = ThreadLocalRandom.current().nextInt(20_000, 30_000) + ".11";
        String sell = seller.accepted(seller.limit(MARKET, "SELL", "GTC", price, "0.10000"));
        String buy = buyer.accepted(buyer.limit(MARKET, "BUY", "GTC", price, "0.10000"));
        buyer.awaitOrder(buy, "FILLED");
        seller.awaitOrder(sell, "FILLED");

        // now: the rebuilt balances and orders equal the traders' read models (once those caught up)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Trader trader : List.of(buyer, seller)) {
                assertThat(balances(audit("/api/v1/audit/accounts/" + trader.accountId + "/balances")))
                        .isEqualTo(balances(trader.get("/api/v1/balances").json()));
            }
            assertThat(audit("/api/v1/audit/orders/" + buy + "/state").path("order"))
                    .isEqualTo(buyer.order(buy).json());
            assertThat(audit("/api/v1/audit/orders/" + sell + "/state").path("order"))
                    .isEqualTo(seller.order(sell).json());
        });

        // earlier: as of the buyer's deposit, 5000 USDT available, nothing held, no BTC, no order yet
        assertThat(balances(audit("/api/v1/audit/accounts/" + buyer.accountId + "/balances?position=" + beforeTrading)))
                .containsExactly(Map.entry("USDT", "5000 0 5000"));
        assertThat(audit("/api/v1/audit/orders/" + buy + "/state?position=" + beforeTrading).path("order").isNull())
                .isTrue();

        // the story: placed by the buyer, the trade settled with postings on both sides
        JsonNode story = audit("/api/v1/audit/orders/" + buy + "/story").path("entries");
        JsonNode placed = story.get(0).path("event");
        assertThat(placed.path("type").asText()).isEqualTo("OrderPlacedEvent");
        assertThat(placed.path("caller").path("accountId").asText()).isEqualTo(buyer.accountId);
        assertThat(placed.path("caller").path("username").asText()).isEqualTo(buyer.name);
        List<String> types = new ArrayList<>();
        List<String> postedAccounts = new ArrayList<>();
        story.forEach(entry -> {
            types.add(entry.path("event").path("type").asText());
            entry.path("postings").forEach(posting -> postedAccounts.add(posting.path("account").asText()));
        });
        assertThat(types).contains("FundsReservedEvent", "TradeSettledEvent", "TradeSettledOnAccountEvent",
                "OrderFillRecordedEvent", "OrderClosedEvent");
        assertThat(postedAccounts).contains(buyer.accountId, seller.accountId);

        // and the auditor's looking is on record
        JsonNode log = audit("/api/v1/audit/access-log?account=" + ADMIN.userId(auditor) + "&limit=1000");
        List<String> paths = new ArrayList<>();
        log.path("entries").forEach(entry -> paths.add(entry.path("path").asText()));
        assertThat(paths).contains("/api/v1/audit/orders/" + buy + "/story",
                "/api/v1/audit/accounts/" + buyer.accountId + "/balances");
    }

    /** Asset → "available held total", compared as numbers (scales may differ between the two readers). */
    private static Map<String, String> balances(JsonNode answer) {
        Map<String, String> balances = new TreeMap<>();
        answer.path("balances").forEach(row -> balances.put(row.path("asset").asText(),
                plain(row, "available") + " " + plain(row, "held") + " " + plain(row, "total")));
        return balances;
    }

    private static String plain(JsonNode row, String field) {
        return new BigDecimal(row.path(field).asText()).stripTrailingZeros().toPlainString();
    }
}
