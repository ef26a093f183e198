package org.exchange.command.eventstore;

import org.exchange.command.TestMarkets;
import org.exchange.command.TestTraders;
import org.exchange.platform.audit.Breach;
import org.exchange.platform.audit.EventStoreVerifier;
import org.exchange.platform.audit.VerificationReport;
import org.exchange.platform.eventchain.CheckpointKeys;
import org.exchange.platform.eventchain.EventSeal;
import org.exchange.platform.eventchain.SealedEvent;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The tamper-evident event store end to end: real deposits, orders and a trade through the command
 * side's API (sagas in the process) against the real PostgreSQL; the verifier finds a clean history
 * clean; then rows are edited, deleted and inserted with SQL, and the verifier names each one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "exchange.event-chain.checkpoint-interval=200ms")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TamperEvidenceIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    /** The public half of the test checkpoint key in src/test/resources/application.properties. */
    private static final String CHECKPOINT_PUBLIC_KEY = "MCowBQYDK2VwAyEA4jen4+b+yefDL9mV854kdzJaoieT8jiUPwdWScfD4X0=";

    private static String adminToken;
    private static String buyer;
    private static String seller;
    private static String buyerToken;
    private static String sellerToken;
    private static TestTraders traders;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate database;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Value("${exchange.event-chain.seal-key}")
    String sealKey;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.tamper." + UUID.randomUUID());
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "tamper"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void users() {
        traders = TestTraders.create(KEYCLOAK);
        buyer = traders.buyer();
        seller = traders.seller();
        adminToken = traders.adminToken();
        buyerToken = traders.buyerToken();
        sellerToken = traders.sellerToken();
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private VerificationReport verify() {
        return new EventStoreVerifier(dataSource, null, EventSeal.withKey(sealKey),
                CheckpointKeys.publicKey(CHECKPOINT_PUBLIC_KEY)).verify((position, end, events, total) -> { });
    }

    @Test
    @Order(1)
    void aRealTradingHistoryVerifiesWithoutBreach() {
        TestMarkets.openBtcUsdt(api(), adminToken);
        deposit(buyer, "USDT", "1000");
        deposit(seller, "BTC", "1");
        Response sell = order(sellerToken, "SELL", "100.00", "0.20000", "s-1");
        Response buy = order(buyerToken, "BUY", "100.00", "0.08000", "b-1");
        Response resting = order(buyerToken, "BUY", "90.00", "0.06000", "b-2");
        assertThat(api().send("DELETE", "/api/v1/orders/" + resting.json().path("orderId").asText(), buyerToken, null)
                .status()).isEqualTo(200);
        // both buys end (one filled, one canceled) and release what they still held; the sell rests
        await().atMost(Duration.ofSeconds(30)).until(() -> count("org.exchange.api.account.FundsReleasedEvent") == 2
                && count("org.exchange.api.trade.TradeSettledEvent") == 1);
        awaitCheckpointOfEverything();

        VerificationReport report = verify();

        assertThat(report.breaches()).isEmpty();
        assertThat(report.events()).isEqualTo(count("%"));
        assertThat(report.checkpoints()).isPositive();
        assertThat(report.lastCheckpointPosition()).isEqualTo(report.endPosition());
        assertThat(sell.status()).isEqualTo(201);
        assertThat(buy.status()).isEqualTo(201);
    }

    @Test
    @Order(2)
    void eventsStoredBeforeSealingExistedAreSealedOnceAtStartAndVerify() {
        long stored = count("%");
        database.update("delete from event_seal");
        database.update("update event_chain_origin set position = (select max(global_index) from domain_event_entry),"
                + " sealed_at = null");
        assertThat(verify().breaches()).extracting(Breach::kind).containsOnly("INSERTED").hasSize((int) stored);
        ChainOrigin origin = new ChainOrigin(database, new TransactionTemplate(transactionManager),
                new EventSeals(EventSeal.withKey(sealKey), database));

        assertThat(origin.sealEarlierEvents()).isEqualTo(stored);

        // the same key seals the same rows alike: the signed checkpoints hold again too
        assertThat(verify().breaches()).isEmpty();
        assertThat(origin.sealEarlierEvents()).as("once only").isZero();
    }

    @Test
    @Order(3)
    void rowsEditedDeletedAndInsertedWithSqlAreEachNamed() {
        Map<String, Object> deposit = database.queryForMap("select global_index, aggregate_identifier, sequence_number,"
                + " event_identifier from domain_event_entry where payload_type like '%.FundsDepositedEvent'"
                + " order by global_index limit 1");
        database.update("update domain_event_entry set payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " '\"amount\":\"1000', '\"amount\":\"9000'), 'UTF8') where global_index = ?", deposit.get("global_index"));

        Map<String, Object> latest = database.queryForMap("select global_index, aggregate_identifier, sequence_number"
                + " from domain_event_entry where payload_type like '%.OrderClosedEvent' order by global_index desc limit 1");
        database.update("delete from domain_event_entry where global_index = ?", latest.get("global_index"));
        database.update("delete from event_seal where global_index = ?", latest.get("global_index"));

        long inserted = database.queryForObject("select nextval('domain_event_entry_seq')", Long.class);
        database.update("""
                insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                        type, time_stamp, payload_type, payload_revision, payload, meta_data)
                select ?, 'forged-deposit', 'forged-account', 0, type, time_stamp, payload_type, payload_revision,
                       payload, meta_data from domain_event_entry where global_index = ?""",
                inserted, deposit.get("global_index"));

        VerificationReport report = verify();

        assertThat(report.breaches()).filteredOn(breach -> breach.check() == Breach.Check.TAMPER_EVIDENCE)
                .extracting(Breach::kind, Breach::position, Breach::aggregateId, Breach::sequence, Breach::eventId)
                .containsExactlyInAnyOrder(
                        tuple("EDITED", deposit.get("global_index"), deposit.get("aggregate_identifier"),
                                deposit.get("sequence_number"), deposit.get("event_identifier")),
                        tuple("DELETED", null, latest.get("aggregate_identifier"), latest.get("sequence_number"), null),
                        tuple("INSERTED", inserted, "forged-account", 0L, "forged-deposit"));
        assertThat(report.clean()).isFalse();
    }

    /**
     * Not a check: what sealing adds to an append (docs/benchmarks.md). Alternating transactions that
     * store one event row as the storage engine does, with and without its seal (previous seal looked
     * up, HMAC, seal row), against the same PostgreSQL; each on an aggregate with history.
     */
    @Test
    @Order(4)
    void sealingCostPerAppend() {
        EventSeals seals = new EventSeals(EventSeal.withKey(sealKey), database);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        byte[] payload = ("{\"accountId\":\"bench\",\"depositId\":\"" + UUID.randomUUID() + "\",\"asset\":\"USDT\","
                + "\"amount\":\"1.00000000\",\"availableAfter\":\"1.00000000\"}").getBytes(StandardCharsets.UTF_8);
        String sealed = "bench-sealed-" + UUID.randomUUID();
        String plain = "bench-plain-" + UUID.randomUUID();
        int rounds = 2000;
        long[] withSeal = new long[rounds];
        long[] without = new long[rounds];
        for (int i = -200; i < rounds; i++) {
            long sequence = i + 200;
            long start = System.nanoTime();
            transactions.executeWithoutResult(status -> seals.seal(List.of(storeRow(sealed, sequence, payload))));
            long middle = System.nanoTime();
            transactions.executeWithoutResult(status -> storeRow(plain, sequence, payload));
            long end = System.nanoTime();
            if (i >= 0) {
                withSeal[i] = middle - start;
                without[i] = end - middle;
            }
        }
        Arrays.sort(withSeal);
        Arrays.sort(without);
        System.out.printf("[event-chain] append transaction us p50/p99: with seal %d/%d, without %d/%d (n=%d);"
                        + " seal cost p50 %d us%n", withSeal[rounds / 2] / 1000, withSeal[rounds * 99 / 100] / 1000,
                without[rounds / 2] / 1000, without[rounds * 99 / 100] / 1000, rounds,
                (withSeal[rounds / 2] - without[rounds / 2]) / 1000);
        assertThat(database.queryForObject("select count(*) from event_seal where aggregate_identifier = ?", Long.class,
                sealed)).isEqualTo(rounds + 200);
    }

    /** One event row as the storage engine inserts it. */
    private SealedEvent storeRow(String aggregate, long sequence, byte[] payload) {
        long position = database.queryForObject("select nextval('domain_event_entry_seq')", Long.class);
        SealedEvent event = new SealedEvent(position, UUID.randomUUID().toString(), aggregate, sequence, "Account",
                Instant.now(), "org.exchange.api.account.FundsDepositedEvent", "1", payload,
                "{}".getBytes(StandardCharsets.UTF_8));
        database.update("""
                        insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                               type, time_stamp, payload_type, payload_revision, payload, meta_data)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", position, event.eventIdentifier(), aggregate, sequence,
                event.type(), event.timestamp().toString(), event.payloadType(), event.payloadRevision(), payload,
                event.metaData());
        return event;
    }

    private void awaitCheckpointOfEverything() {
        await().atMost(Duration.ofSeconds(10)).until(() -> database.queryForObject(
                "select coalesce(max(position), 0) = (select max(global_index) from domain_event_entry) from event_checkpoint",
                Boolean.class));
    }

    private long count(String payloadType) {
        return database.queryForObject("select count(*) from domain_event_entry where payload_type like ?", Long.class,
                payloadType);
    }

    private void deposit(String user, String asset, String amount) {
        traders.deposit(api(), user, asset, amount);
    }

    private Response order(String token, String side, String price, String quantity, String clientOrderId) {
        Response placed = TestTraders.placeLimit(api(), token, side, price, quantity, clientOrderId);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed;
    }
}
