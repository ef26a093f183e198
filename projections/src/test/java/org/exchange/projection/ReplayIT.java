package org.exchange.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.common.Asset;
import org.exchange.platform.search.AnalyticsIndex;
import org.exchange.platform.search.AnalyticsIndices;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.search.Hit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replays through the auditors' API (/api/v1/audit/replays) on a real projections service, Kafka
 * topic, read-model database and event store: a seeded trading session is projected live, the live
 * read models are then damaged by hand (what a replay must repair), and replays of one projection
 * and of all of them are started, refused, stopped, carried over a restart of the service,
 * resumed and finished — the live tables serving the damaged data until the swap, and equal to
 * what live projection had built after it. The live projections go on from the rebuilt tokens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {

    private static final Keycloak KEYCLOAK = new Keycloak(RealComponents.current());
    private static final String REPLAYS = "/api/v1/audit/replays";
    private static final Asset USDT = Asset.of("USDT");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReplayedService service;
    private static ApiClient api;
    private static JdbcTemplate live;
    private static String auditor;
    private static String trader;

    @BeforeAll
    static void serviceAndUsers() {
        service = new ReplayedService(Map.of());
        api = service.api();
        live = service.live();
        String auditorName = KEYCLOAK.createUser("it-replay-auditor", "auditor");
        String traderName = KEYCLOAK.createUser("it-replay-trader", "trader");
        auditor = KEYCLOAK.token(auditorName, auditorName);
        trader = KEYCLOAK.token(traderName, traderName);
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void replaysRebuildTheReadModelsWhileTheLiveOnesServe() throws Exception {
        List<DomainEventMessage<?>> session = new TradingSession(new Random(7)).events(60);
        service.publish(session);
        long records = service.records();
        await().atMost(Duration.ofSeconds(90)).until(() -> ReadModels.everyProjectionCaughtUp(live, records));
        Map<String, List<Map<String, Object>>> projected = ReadModels.all(live);
        assertThat(projected.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
        Map<String, Map<String, JsonNode>> indexed = searchDocuments();
        assertThat(indexed.values()).allSatisfy(documents -> assertThat(documents).isNotEmpty());

        // damage the live read models by hand: a replay must repair exactly what it rebuilds
        String lostOrder = live.queryForObject("select min(order_id) from orders", String.class);
        live.update("delete from orders where order_id = ?", lostOrder);
        live.update("update balances set available = available + 1");
        Map<String, List<Map<String, Object>>> damaged = ReadModels.all(live);
        String ordersAlias = analytics().alias(AnalyticsIndex.ORDERS);
        String lostDocument = indexed.get(ordersAlias).keySet().iterator().next();
        search().delete(delete -> delete.index(ordersAlias).id(lostDocument).refresh(Refresh.True));
        Map<String, Map<String, JsonNode>> damagedDocuments = searchDocuments();

        refusals();

        // one projection: started, a second replay refused, stopped
        Response started = api.post(REPLAYS, auditor, "{\"projection\":\"orders\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String orders = started.json().path("id").asText();
        assertThat(started.header("Location")).isEqualTo(REPLAYS + "/" + orders);
        assertThat(started.json().path("state").asText()).isEqualTo("RUNNING");
        assertThat(started.json().path("processors")).extracting(JsonNode::asText).containsExactly("orders");
        assertProblem(api.post(REPLAYS, auditor, "{\"projection\":\"all\"}"), 409, "REPLAY_IN_PROGRESS");
        Response stopped = api.post(REPLAYS + "/" + orders + "/stop", auditor, null);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().path("state").asText()).isEqualTo("STOPPED");
        assertThat(ReadModels.rows(live, "orders")).as("the live orders, still served").isEqualTo(damaged.get("orders"));
        assertProblem(api.post(REPLAYS + "/" + orders + "/stop", auditor, null), 409, "ALREADY_IN_STATE");

        // a restart of the service leaves it stopped; resumed, it finishes and swaps in the orders only
        service.restart();
        api = service.api();
        live = service.live();
        assertThat(replay(orders).path("state").asText()).isEqualTo("STOPPED");
        Response resumed = api.post(REPLAYS + "/" + orders + "/resume", auditor, null);
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        JsonNode finished = awaitState(orders, "FINISHED");
        assertThat(finished.path("eventsDone").asLong()).isEqualTo(records);
        assertThat(finished.path("eventsTotal").asLong()).isEqualTo(records);
        assertThat(finished.path("topicCheck").path("storeEvents").asLong()).isEqualTo(session.size());
        assertThat(finished.path("topicCheck").path("topicRecords").asLong()).isEqualTo(records);
        assertThat(ReadModels.rows(live, "orders")).as("orders, rebuilt").isEqualTo(projected.get("orders"));
        assertThat(ReadModels.rows(live, "balances")).as("balances, not replayed").isEqualTo(damaged.get("balances"));
        assertProblem(api.post(REPLAYS + "/" + orders + "/resume", auditor, null), 409, "ALREADY_IN_STATE");

        // all projections: the damaged balances and orders index are served until the swap, then every
        // table and index is rebuilt (the indices as new indices behind the same aliases)
        Response all = api.post(REPLAYS, auditor, "{\"projection\":\"all\"}");
        assertThat(all.status()).as(all.body()).isEqualTo(202);
        assertThat(all.json().path("processors")).hasSize(10);
        assertThat(ReadModels.rows(live, "balances")).as("balances during the replay").isEqualTo(damaged.get("balances"));
        assertThat(searchDocuments()).as("the indices during the replay").isEqualTo(damagedDocuments);
        // still running after that read: the swap (which ends the replay in the same transaction) had not happened
        assertThat(replay(all.json().path("id").asText()).path("state").asText()).isEqualTo("RUNNING");
        awaitState(all.json().path("id").asText(), "FINISHED");
        assertThat(ReadModels.all(live)).isEqualTo(projected);
        assertThat(searchDocuments()).isEqualTo(indexed);
        String replayIndex = analytics().replayIndex(AnalyticsIndex.ORDERS, "replay_"
                + all.json().path("id").asText().replace("-", "").substring(0, 16));
        assertThat(search().indices().getAlias(alias -> alias.name(ordersAlias)).result().keySet())
                .containsExactly(replayIndex);
        assertThat(search().indices().exists(exists -> exists.index(analytics().concreteIndex(AnalyticsIndex.ORDERS)))
                .value()).as("the index the alias left is deleted").isFalse();

        // the live projections go on from the rebuilt tokens
        AccountId newcomer = AccountId.of(UUID.randomUUID().toString());
        service.publish(List.of(EventTopic.event("Account", newcomer.value(), 0, new FundsDepositedEvent(newcomer,
                DepositId.random(), USDT, new BigDecimal("5.00000000"), new BigDecimal("5.00000000")))));
        await().atMost(Duration.ofSeconds(30)).until(() -> live.queryForObject(
                "select count(*) from balances where account_id = ?", Integer.class, newcomer.value()) == 1);
        assertThat(ReadModels.rows(live, "markets")).isEqualTo(projected.get("markets"));
    }

    /** An event in the store that never reached the topic: the replay refuses to trust the topic. */
    @Test
    @Order(2)
    void aReplayFailsWhenTheTopicMissesAStoredEvent() throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> noReplayRunning());
        long lost = service.skipPosition();
        AccountId account = AccountId.of(UUID.randomUUID().toString());
        DomainEventMessage<?> neverPublished = EventTopic.event("Account", account.value(), 0, new FundsDepositedEvent(
                account, DepositId.random(), USDT, BigDecimal.ONE, BigDecimal.ONE));
        service.store(neverPublished, lost);
        service.publish(List.of(EventTopic.event("Account", account.value(), 1, new FundsDepositedEvent(account,
                DepositId.random(), USDT, BigDecimal.ONE, new BigDecimal("2")))));
        await().atMost(Duration.ofSeconds(30)).until(() -> live.queryForObject(
                "select count(*) from balances where account_id = ?", Integer.class, account.value()) == 1);
        Map<String, List<Map<String, Object>>> before = ReadModels.all(live);

        Response started = api.post(REPLAYS, auditor, "{\"projection\":\"balances\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode failed = awaitState(started.json().path("id").asText(), "FAILED");

        assertThat(failed.path("failure").asText()).contains("1 events of the event store")
                .contains("[" + lost + "]");
        assertThat(ReadModels.all(live)).isEqualTo(before);
    }

    private static void refusals() {
        Response projections = api.get(REPLAYS + "/projections", auditor);
        assertThat(projections.status()).isEqualTo(200);
        assertThat(projections.json().path("projections").findValuesAsText("name"))
                .containsExactlyInAnyOrder("balances", "markets", "orders", "trades", "ledger", "market-data",
                        "trades-search", "orders-search", "ledger-search", "market-search");
        assertProblem(api.post(REPLAYS, auditor, "{\"projection\":\"no-such-projection\"}"), 400, "UNKNOWN_PROJECTION");
        assertProblem(api.post(REPLAYS, auditor, "{}"), 400, "UNKNOWN_PROJECTION");
        assertProblem(api.get(REPLAYS + "/" + UUID.randomUUID(), auditor), 404, "REPLAY_NOT_FOUND");
        assertProblem(api.post(REPLAYS + "/not-an-id/resume", auditor, null), 404, "REPLAY_NOT_FOUND");
        assertProblem(api.post(REPLAYS, trader, "{\"projection\":\"all\"}"), 403, "FORBIDDEN");
        assertProblem(api.get(REPLAYS + "/projections", trader), 403, "FORBIDDEN");
        assertProblem(api.get(REPLAYS, null), 401, "UNAUTHENTICATED");
        assertThat(api.get(REPLAYS, auditor).json().path("replays")).as("nothing started by refusals").isEmpty();
    }

    private static OpenSearchClient search() {
        return service.bean(OpenSearchClient.class);
    }

    private static AnalyticsIndices analytics() {
        return service.bean(AnalyticsIndices.class);
    }

    /** Every document of every analytics index (through its alias), by alias and id. */
    private static Map<String, Map<String, JsonNode>> searchDocuments() throws IOException {
        Map<String, Map<String, JsonNode>> all = new TreeMap<>();
        for (AnalyticsIndex index : AnalyticsIndex.values()) {
            String alias = analytics().alias(index);
            search().indices().refresh(refresh -> refresh.index(alias));
            Map<String, JsonNode> documents = new TreeMap<>();
            for (Hit<JsonData> hit : search().search(query -> query.index(alias).size(10_000), JsonData.class)
                    .hits().hits()) {
                documents.put(hit.id(), JSON.readTree(hit.source().toJson().toString()));
            }
            all.put(alias, documents);
        }
        return all;
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        assertThat(response.json().path("code").asText()).isEqualTo(code);
    }

    private static JsonNode replay(String id) {
        Response response = api.get(REPLAYS + "/" + id, auditor);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode awaitState(String id, String state) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> replay(id).path("state").asText(), state::equals);
        return replay(id);
    }

    private static boolean noReplayRunning() {
        return api.get(REPLAYS, auditor).json().path("replays").findValuesAsText("state").stream()
                .noneMatch("RUNNING"::equals);
    }
}
