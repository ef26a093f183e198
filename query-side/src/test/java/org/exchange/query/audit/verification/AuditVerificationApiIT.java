package org.exchange.query.audit.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.AccountOpenedEvent;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.platform.axon.StoredMessageJson;
import org.exchange.platform.eventchain.Checkpoint;
import org.exchange.platform.eventchain.CheckpointHead;
import org.exchange.platform.eventchain.CheckpointKeys;
import org.exchange.platform.eventchain.EventSeal;
import org.exchange.platform.eventchain.SealedEvent;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/audit/verifications} against a real PostgreSQL event store and read model, with
 * real Keycloak tokens: the auditor gets progress lines and a clean report; once a row is edited and a
 * read-model balance and order changed through SQL, the report names each; other roles are refused. The events
 * here are sealed and checkpointed the way the command side does it (its own test, TamperEvidenceIT,
 * drives the real command side).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditVerificationApiIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "verify");
    /** Connected from the start: ThrowawayDatabase's sweep drops an it_ database nobody is connected to. */
    private static final SingleConnectionDataSource OWNER = new SingleConnectionDataSource(
            COMPONENTS.jdbcUrl(DATABASE), COMPONENTS.dbUser(), COMPONENTS.dbPassword(), true);
    private static final EventSeal SEAL = EventSeal.withKey("a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=");
    private static final String CHECKPOINT_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIGP0nw5rPfKGkzMHyN8OYc7PdU25E/hGDPVOVlBR+i++";
    private static final ObjectMapper JSON = StoredMessageJson.objectMapper();

    static {
        try {
            OWNER.getConnection();
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot connect to " + DATABASE, failure);
        }
    }

    private static JdbcClient database;
    private static String account;
    private static String order;
    private static String auditorToken;
    private static String traderToken;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("exchange.audit.event-store.url", () -> COMPONENTS.jdbcUrl(DATABASE));
        registry.add("exchange.audit.event-store.username", COMPONENTS::dbUser);
        registry.add("exchange.audit.event-store.password", COMPONENTS::dbPassword);
    }

    @BeforeAll
    static void storesAndUsers() throws Exception {
        Flyway.configure().dataSource(OWNER).locations("filesystem:../projections/src/main/resources/db/readmodel")
                .load().migrate();
        Flyway.configure().dataSource(OWNER).locations("classpath:db/eventstore").table("flyway_event_store_history").baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
        database = JdbcClient.create(OWNER);
        account = "acct-" + UUID.randomUUID();
        AccountId id = AccountId.of(account);
        order = "order-" + UUID.randomUUID();
        List<byte[]> seals = new ArrayList<>();
        seals.add(append(1, account, 0, new AccountOpenedEvent(id, "it"), EventSeal.GENESIS));
        seals.add(append(2, account, 1, new FundsDepositedEvent(id, DepositId.of("d-1"), Asset.of("USDT"),
                new BigDecimal("100.00000000"), new BigDecimal("100.00000000")), seals.getLast()));
        seals.add(append(3, account, 2, new FundsDepositedEvent(id, DepositId.of("d-2"), Asset.of("USDT"),
                new BigDecimal("50.00000000"), new BigDecimal("150.00000000")), seals.getLast()));
        byte[] placed = append(4, order, 0, new OrderPlacedEvent(OrderId.of(order), id, "c-1",
                new OrderTerms(MarketId.of("BTC-USDT"), OrderSide.BUY, OrderType.LIMIT, TimeInForce.GTC,
                        new BigDecimal("100.00"), new BigDecimal("0.50000"), null, null, SelfTradeMode.EXPIRE_TAKER),
                Asset.of("USDT"), new BigDecimal("50.10000000"), Instant.parse("2026-11-22T08:00:04Z")), EventSeal.GENESIS);
        checkpoint(List.of(new CheckpointHead(account, 2, seals.getLast()), new CheckpointHead(order, 0, placed)), 4);
        database.sql("insert into balances (account_id, asset, available, held, last_sequence, updated_at)"
                        + " values (?, 'USDT', 150, 0, 2, now())").param(account).update();
        database.sql("""
                        insert into orders (order_id, account_id, market_id, side, type, status, filled_quantity,
                               filled_quote_quantity, fees, last_sequence, created_at, updated_at)
                        values (?, ?, 'BTC-USDT', 'BUY', 'LIMIT', 'PENDING_NEW', 0, 0, 0, 0, now(), now())""")
                .params(order, account).update();
        String auditor = KEYCLOAK.createUser("it-auditor", "auditor");
        String trader = KEYCLOAK.createUser("it-trader", "trader");
        auditorToken = KEYCLOAK.token(auditor, auditor);
        traderToken = KEYCLOAK.token(trader, trader);
    }

    /** Stores an event and its seal as the command side does. */
    private static byte[] append(long position, String aggregate, long sequence, Object payload, byte[] previous)
            throws Exception {
        SealedEvent event = new SealedEvent(position, UUID.randomUUID().toString(), aggregate, sequence, "Account",
                Instant.parse("2026-11-22T08:00:00.123Z").plusSeconds(position), payload.getClass().getName(), "1",
                JSON.writeValueAsBytes(payload), "{}".getBytes(StandardCharsets.UTF_8));
        database.sql("""
                        insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                               type, time_stamp, payload_type, payload_revision, payload, meta_data)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(position, event.eventIdentifier(), aggregate, sequence, event.type(), event.timestamp().toString(),
                        event.payloadType(), event.payloadRevision(), event.payload(), event.metaData())
                .update();
        byte[] seal = SEAL.seal(event, previous);
        database.sql("insert into event_seal values (?, ?, ?, ?, ?, ?)")
                .params(position, event.eventIdentifier(), aggregate, sequence, previous, seal).update();
        return seal;
    }

    private static void checkpoint(List<CheckpointHead> heads, long position) {
        Checkpoint checkpoint = new Checkpoint(1, position, Checkpoint.FIRST, heads);
        byte[] digest = checkpoint.digest();
        database.sql("insert into event_checkpoint values (1, ?, ?, ?, ?, ?)")
                .params(position, Checkpoint.FIRST, digest,
                        CheckpointKeys.sign(CheckpointKeys.privateKey(CHECKPOINT_PRIVATE_KEY), digest),
                        Timestamp.from(Instant.now())).update();
        heads.forEach(head -> database.sql("insert into event_checkpoint_head values (1, ?, ?, ?)")
                .params(head.aggregateIdentifier(), head.sequenceNumber(), head.seal()).update());
    }

    private Response verify(String token) {
        return new ApiClient("http://127.0.0.1:" + port).post(VerificationController.PATH, token, null);
    }

    private static List<JsonNode> lines(Response answer) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    @Order(1)
    void theAuditorSeesProgressThenACleanReport() throws Exception {
        Response answer = verify(auditorToken);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith(VerificationController.NDJSON);
        List<JsonNode> lines = lines(answer);
        JsonNode progress = lines.get(lines.size() - 2);
        assertThat(progress.path("type").asText()).isEqualTo("progress");
        assertThat(progress.path("position").asLong()).isEqualTo(4);
        assertThat(progress.path("endPosition").asLong()).isEqualTo(4);
        assertThat(progress.path("events").asLong()).isEqualTo(4);
        JsonNode report = lines.getLast();
        assertThat(report.path("type").asText()).isEqualTo("report");
        assertThat(report.path("breaches")).isEmpty();
        assertThat(report.path("clean").asBoolean()).isTrue();
        assertThat(report.path("events").asLong()).isEqualTo(4);
        assertThat(report.path("checkpoints").asLong()).isEqualTo(1);
        assertThat(report.path("notes").toString()).contains("compared 1 balance rows and 1 order rows");
    }

    @Test
    @Order(2)
    void anEditedEventAndAReadModelBalanceThatDiffersAreNamed() throws Exception {
        database.sql("update domain_event_entry set payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " '\"amount\":\"50.00000000\"', '\"amount\":\"70.00000000\"'), 'UTF8') where global_index = 3").update();
        database.sql("update balances set available = 170 where account_id = ?").param(account).update();
        database.sql("update orders set filled_quantity = 0.1 where order_id = ?").param(order).update();

        JsonNode report = lines(verify(auditorToken)).getLast();

        assertThat(report.path("clean").asBoolean()).isFalse();
        List<String> found = new ArrayList<>();
        report.path("breaches").forEach(breach -> found.add(breach.path("check").asText() + " "
                + breach.path("kind").asText() + " " + breach.path("position").asText() + " "
                + breach.path("aggregateId").asText()));
        assertThat(found).containsExactlyInAnyOrder("TAMPER_EVIDENCE EDITED 3 " + account,
                "BALANCES STATED_BALANCE_DIFFERS 3 " + account, "READ_MODELS BALANCE_DIFFERS null " + account,
                "READ_MODELS ORDER_DIFFERS null " + order);
    }

    @Test
    @Order(3)
    void onlyTheAuditorMayVerify() {
        assertThat(verify(traderToken).status()).isEqualTo(403);
        assertThat(verify(null).status()).isEqualTo(401);
    }
}
