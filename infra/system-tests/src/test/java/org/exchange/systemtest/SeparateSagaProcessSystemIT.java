package org.exchange.systemtest;

import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.TestCluster;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The separate-process topology of ADR 0009, as real processes: two command-side nodes (load factor
 * 100, sagas off) and the saga orchestrator (load factor 0) started from the built jars, joined in a
 * JGroups cluster of their own on a throwaway event store. Orders placed on either node are matched,
 * and their trades settled by the sagas in the orchestrator's process, whose commands cross to the
 * node that owns the aggregate. Then one command-side node is killed ({@code kill -9}): orders placed
 * on the other are still matched and settled, through the same orchestrator. Last the orchestrator
 * itself is killed with a trade waiting to be settled: after its restart the trade is settled, once.
 */
class SeparateSagaProcessSystemIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String GATEWAY = System.getenv().getOrDefault("EXCHANGE_GATEWAY_URL", "http://127.0.0.1:8000");
    private static final Keycloak ADMIN = new Keycloak(COMPONENTS);
    private static final Keycloak GATEWAY_TOKENS = new Keycloak(COMPONENTS.withKeycloakUrl(GATEWAY));
    private static final File ROOT = new File(System.getProperty("exchange.root", "../.."));
    private static final Path LOGS = Path.of("target", "topology-logs");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final String PRICE = "20000.00";
    private static final File COMMAND_JAR = new File(ROOT, "command-side/target/command-side.jar");
    private static final File SAGA_JAR = new File(ROOT, "saga-orchestrator/target/saga-orchestrator-exec.jar");

    private static final List<Node> NODES = new ArrayList<>();
    private static String database;
    private static Connection eventStore;
    private static Node nodeA;
    private static Node nodeB;
    private static Node sagas;
    private static TestCluster cluster;
    private static String topic;
    private static String seller;
    private static String buyer;

    /** One service process of the test cluster. */
    private record Node(String name, Process process, int httpPort, Path log) {
        ApiClient api() {
            return new ApiClient("http://127.0.0.1:" + httpPort);
        }
    }

    @BeforeAll
    static void threeProcesses() throws Exception {
        database = ThrowawayDatabase.create(COMPONENTS, "topology");
        eventStore = DriverManager.getConnection(COMPONENTS.jdbcUrl(database), COMPONENTS.dbUser(), COMPONENTS.dbPassword());
        Files.createDirectories(LOGS);
        cluster = TestCluster.of(3);
        topic = "it.topology." + UUID.randomUUID();

        // node a first: it migrates the fresh event store, which the others then share
        nodeA = start("command-a", COMMAND_JAR, 0, 100);
        awaitHealthy(nodeA);
        nodeB = start("command-b", COMMAND_JAR, 1, 100);
        sagas = start("saga-orchestrator", SAGA_JAR, 2, 0);
        awaitHealthy(nodeB);
        awaitHealthy(sagas);

        String admin = GATEWAY_TOKENS.token("root", "root");
        Response opened = nodeA.api().post("/api/v1/admin/markets", admin, """
                {"base":"BTC","quote":"USDT","tickSize":"0.01","stepSize":"0.00001","minQuantity":"0.00001",
                 "maxQuantity":"1000","minNotional":"5","makerFeeRate":"0.001","takerFeeRate":"0.001"}""");
        assertThat(opened.status()).as(opened.body()).isIn(200, 201);
        seller = ADMIN.createUser(EarlierRuns.USER_PREFIX + "topology-seller", "trader");
        buyer = ADMIN.createUser(EarlierRuns.USER_PREFIX + "topology-buyer", "trader");
        deposit(nodeB, admin, seller, "BTC", "1");
        deposit(nodeA, admin, buyer, "USDT", "20000");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (Node node : NODES) {
            node.process().destroy();
        }
        for (Node node : NODES) {
            if (!node.process().waitFor(30, TimeUnit.SECONDS)) {
                node.process().destroyForcibly();
            }
        }
        if (eventStore != null) {
            eventStore.close();
        }
        // their orders were only in the throwaway event store: nothing rests in the stack's markets
        for (String user : new String[] {seller, buyer}) {
            if (user != null) {
                ADMIN.deleteUser(user);
            }
        }
    }

    @Test
    void tradesSettleThroughTheSagaProcessAlsoAfterACommandNodeIsKilled() throws Exception {
        String sellerToken = GATEWAY_TOKENS.token(seller, seller);
        String buyerToken = GATEWAY_TOKENS.token(buyer, buyer);

        String sell = placed(nodeA, sellerToken, "SELL", "0.50000", "topology-sell");
        String firstBuy = placed(nodeB, buyerToken, "BUY", "0.20000", "topology-buy-1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("TradeSettledEvent")).as("trades settled").isEqualTo(1);
            assertThat(closedStatus(firstBuy)).isEqualTo("FILLED");
        });

        nodeB.process().destroyForcibly().waitFor();
        long killed = System.nanoTime();
        // a request that meets the dead node's ids before the cluster noticed is retried with the same
        // clientOrderId, as a client would: it places the order once
        String secondBuy = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> tryPlace(nodeA, buyerToken, "BUY", "0.30000", "topology-buy-2"), id -> id != null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("TradeSettledEvent")).as("trades settled").isEqualTo(2);
            assertThat(closedStatus(secondBuy)).isEqualTo("FILLED");
            assertThat(closedStatus(sell)).isEqualTo("FILLED");
        });
        System.out.printf("[topology] second trade settled %d ms after command-b was killed%n",
                (System.nanoTime() - killed) / 1_000_000);

        assertThat(count("TradeSettledOnAccountEvent")).as("one posting per side of each trade").isEqualTo(4);
        assertThat(count("FeeCollectedEvent")).isEqualTo(2);
        assertThat(count("OrderPlacedEvent")).as("the retried request placed its order once").isEqualTo(3);
        // the second buy: 0.3 BTC at 20000 plus the 0.1 % taker fee, exactly what it held
        Map<String, String> secondBuyFunds = lastSettlement(buyer);
        assertThat(secondBuyFunds).containsEntry("creditAsset", "BTC").containsEntry("creditAmount", "0.30000000")
                .containsEntry("debitAmount", "6006.00000000").containsEntry("debitHeldAfter", "0.00000000");

        // kill -9 of the saga orchestrator with a trade waiting to be settled, then a restart
        String secondSell = placed(nodeA, sellerToken, "SELL", "0.10000", "topology-sell-2");
        sagas.process().destroyForcibly().waitFor();
        String thirdBuy = placed(nodeA, buyerToken, "BUY", "0.10000", "topology-buy-3");
        assertThat(count("TradeSettledEvent")).as("nobody settles while the sagas are down").isEqualTo(2);
        long restarting = System.nanoTime();
        sagas = start("saga-orchestrator", SAGA_JAR, 2, 0);
        awaitHealthy(sagas);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(count("TradeSettledEvent")).as("trades settled").isEqualTo(3);
            assertThat(closedStatus(thirdBuy)).isEqualTo("FILLED");
            assertThat(closedStatus(secondSell)).isEqualTo("FILLED");
        });
        System.out.printf("[topology] trade settled %d ms after the saga orchestrator's restart began"
                        + " (its start included)%n",
                (System.nanoTime() - restarting) / 1_000_000);
        assertThat(count("TradeSettledOnAccountEvent")).as("nothing settled twice").isEqualTo(6);
        assertThat(count("FeeCollectedEvent")).isEqualTo(3);

        // answers cross the channel as JSON: a cancel-all returns the ids it canceled
        String resting = placed(nodeA, sellerToken, "SELL", "0.10000", "topology-rest");
        Response canceled = nodeA.api().send("DELETE", "/api/v1/orders?market=BTC-USDT", sellerToken, null);
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().path("canceledOrderIds").get(0).asText()).isEqualTo(resting);
    }

    private static String placed(Node node, String token, String side, String quantity, String clientOrderId) {
        String id = tryPlace(node, token, side, quantity, clientOrderId);
        assertThat(id).as(side + " " + quantity + " on " + node.name()).isNotNull();
        return id;
    }

    /** The order id, or null when the node could not take the request (retry it). */
    private static String tryPlace(Node node, String token, String side, String quantity, String clientOrderId) {
        Response response = node.api().post("/api/v1/orders", token, """
                {"market":"BTC-USDT","side":"%s","type":"LIMIT","timeInForce":"GTC","price":"%s","quantity":"%s",
                 "clientOrderId":"%s"}""".formatted(side, PRICE, quantity, clientOrderId));
        if (response.status() == 200 || response.status() == 201) {
            return response.json().path("orderId").asText();
        }
        assertThat(response.status()).as("only a fault may refuse this order: " + response.body()).isGreaterThanOrEqualTo(500);
        return null;
    }

    private static void deposit(Node node, String adminToken, String user, String asset, String amount) {
        Response deposit = node.api().post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"%s\",\"amount\":\"%s\",\"depositId\":\"%s\"}"
                        .formatted(user, asset, amount, "topology-" + UUID.randomUUID()));
        assertThat(deposit.status()).as(deposit.body()).isEqualTo(201);
    }

    private static long count(String eventType) throws SQLException {
        try (PreparedStatement query = eventStore.prepareStatement(
                "select count(*) from domain_event_entry where payload_type = ?")) {
            query.setString(1, payloadType(eventType));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String closedStatus(String orderId) throws SQLException {
        try (PreparedStatement query = eventStore.prepareStatement("select convert_from(payload, 'UTF8')::json->>'status' "
                + "from domain_event_entry where aggregate_identifier = ? and payload_type like '%.OrderClosedEvent'")) {
            query.setString(1, orderId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static Map<String, String> lastSettlement(String user) throws SQLException {
        String account = ADMIN.userId(user);
        try (PreparedStatement query = eventStore.prepareStatement("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like '%.TradeSettledOnAccountEvent' "
                + "order by sequence_number desc limit 1")) {
            query.setString(1, account);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("a settlement on " + user).isTrue();
                Map<String, String> fields = new LinkedHashMap<>();
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(rows.getString(1)).properties()
                        .forEach(field -> fields.put(field.getKey(), field.getValue().asText()));
                return fields;
            } catch (IOException notJson) {
                throw new IllegalStateException(notJson);
            }
        }
    }

    private static String payloadType(String simpleName) throws SQLException {
        try (PreparedStatement query = eventStore.prepareStatement(
                "select distinct payload_type from domain_event_entry where payload_type like ?")) {
            query.setString(1, "%." + simpleName);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : "none yet: " + simpleName;
            }
        }
    }

    private static Node start(String name, File jar, int member, int loadFactor) throws IOException {
        assertThat(jar).as("built by ./mvnw install").exists();
        int httpPort = TestCluster.freePort();
        Map<String, String> properties = new LinkedHashMap<>(COMPONENTS.springProperties(database));
        properties.put("server.port", String.valueOf(httpPort));
        properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        properties.put("axon.kafka.default-topic", topic);
        properties.putAll(cluster.memberProperties(member, loadFactor));
        properties.put("exchange.sagas.embedded", "false");
        // the command side seals API secrets; its access store is this test's own database
        properties.put("exchange.access.master-key", "system-tests-only-master-key-not-a-secret-0123");
        // the command side seals the events it appends (ADR 0019); fixed public test keys
        properties.put("exchange.event-chain.seal-key", "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=");
        properties.put("exchange.event-chain.checkpoint-private-key",
                "MC4CAQAwBQYDK2VwBCIEIGP0nw5rPfKGkzMHyN8OYc7PdU25E/hGDPVOVlBR+i++");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Djava.net.preferIPv4Stack=true", "-Daxoniq.update-checker.disabled=true", "-jar",
                jar.getAbsolutePath()));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = LOGS.resolve(name + "-" + NODES.size() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Node node = new Node(name, process, httpPort, log);
        NODES.add(node);
        return node;
    }

    private static void awaitHealthy(Node node) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!node.process().isAlive()) {
                throw new IllegalStateException(node.name() + " exited: " + tail(node.log()));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort()
                        + "/actuator/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
