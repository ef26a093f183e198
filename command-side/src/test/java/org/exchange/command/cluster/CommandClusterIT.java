package org.exchange.command.cluster;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.DepositFundsCommand;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.DepositReceipt;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.HaltMarketCommand;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.OpenMarketCommand;
import org.exchange.command.TopicReader;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.TestCluster;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Commands cross processes (ADR 0009): two command-side nodes and a node with load factor 0 (as
 * the saga orchestrator joins) form a JGroups cluster on one throwaway event store. Commands sent
 * from the load-0 node are handled, spread over both command nodes by aggregate id, always on the
 * same node for the same id; refusals keep their code; when a command node leaves, its ids move to
 * the other within seconds; the Kafka publisher keeps publishing every event. Prints remote
 * latency and fail-over time (docs/benchmarks.md). Its own cluster name and free ports keep it off
 * the cluster of a running {@code ./exchange up}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandClusterIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final int LATENCY_SAMPLES = 500;
    private static final String TOPIC = "it.cluster." + UUID.randomUUID();

    private static ClusterNode nodeA;
    private static ClusterNode nodeB;
    private static ClusterNode sender;
    private static JdbcTemplate database;
    /** Held open: another test JVM's ThrowawayDatabase drops unconnected it_ databases on its first use. */
    private static Connection keepAlive;

    @BeforeAll
    static void startCluster() throws SQLException {
        String db = ThrowawayDatabase.create(COMPONENTS, "cluster");
        keepAlive = DriverManager.getConnection(COMPONENTS.jdbcUrl(db), COMPONENTS.dbUser(), COMPONENTS.dbPassword());
        TestCluster cluster = TestCluster.of(3);
        nodeA = ClusterNode.start("a", node(db, cluster, 0, 100, true));
        nodeB = ClusterNode.start("b", node(db, cluster, 1, 100, true));
        sender = ClusterNode.start("sender", node(db, cluster, 2, 0, false));
        database = nodeA.context.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sender.routesTo())
                .as("members the load-0 node routes to").hasSize(2));
        System.out.println("[cluster] the load-0 node routes to " + sender.routesTo());
    }

    private static Map<String, String> node(String db, TestCluster cluster, int member, int loadFactor,
            boolean publishes) {
        Map<String, String> properties = new HashMap<>(COMPONENTS.springProperties(db));
        properties.put("server.port", "0");
        // the shared server allows 100 connections: three nodes with the default pool of 16 (all idle-held)
        // beside other cached test contexts and other engineers' runs exhausted it
        properties.put("spring.datasource.hikari.maximum-pool-size", "4");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.putAll(cluster.memberProperties(member, loadFactor));
        properties.put("axon.kafka.default-topic", TOPIC);
        // the load-0 node stands for the saga orchestrator, which publishes nothing
        properties.put("axon.kafka.publisher.enabled", String.valueOf(publishes));
        return properties;
    }

    @AfterAll
    static void stopCluster() throws SQLException {
        if (keepAlive != null) {
            keepAlive.close();
        }
        for (ClusterNode node : new ClusterNode[] {sender, nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void commandsFromANodeThatHandlesNoneAreSpreadOverTheCommandNodesByAggregateId() {
        List<AccountId> accounts = IntStream.range(0, 40).mapToObj(i -> AccountId.of("cluster-" + UUID.randomUUID()))
                .toList();

        for (AccountId account : accounts) {
            DepositReceipt receipt = deposit(sender, account, "10");
            assertThat(receipt.accountId()).isEqualTo(account);
            assertThat(receipt.amount()).isEqualByComparingTo("10");
            assertThat(receipt.duplicate()).isFalse();
        }
        Map<AccountId, String> firstHandler = handlers(accounts);
        accounts.forEach(account -> deposit(sender, account, "5"));

        assertThat(handlers(accounts)).as("the same id is always handled by the same node").isEqualTo(firstHandler);
        assertThat(new HashSet<>(firstHandler.values())).containsExactlyInAnyOrder("a", "b");
        assertThat(sender.handledKeys).as("commands handled by the load-0 node").isEmpty();
        assertThat(deposited(accounts)).isEqualByComparingTo(new BigDecimal(15 * accounts.size()));
    }

    @Test
    @Order(2)
    void aMarketIsOpenedThroughTheClusterAndRefusalsKeepTheirCode() {
        MarketId market = MarketId.of("BTC-USDT");

        String status = sender.gateway().sendAndWait(new OpenMarketCommand(market, spec("0.01")),
                SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(status).isEqualTo("TRADING");
        assertThat(database.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type like '%MarketOpenedEvent'", Long.class, market.value())).isEqualTo(1);
        assertThatThrownBy(() -> sender.gateway().sendAndWait(new OpenMarketCommand(market, spec("0.1")),
                SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOfSatisfying(ExchangeException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.MARKET_ALREADY_OPEN));
        assertThatThrownBy(() -> sender.gateway().sendAndWait(new HaltMarketCommand(MarketId.of("ETH-USDT"), "test"),
                SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(AggregateNotFoundException.class);
    }

    @Test
    @Order(3)
    void remoteCommandLatency() {
        // fresh accounts, a few events each: a long event stream would measure aggregate loading instead
        List<AccountId> accounts = IntStream.range(0, 2 * LATENCY_SAMPLES)
                .mapToObj(i -> AccountId.of("latency-" + UUID.randomUUID())).toList();
        long[] opening = measure(accounts, account -> deposit(sender, account, "1"));
        List<AccountId> onA = accounts.stream().filter(account -> handlerOf(account) == nodeA).toList();

        long[] remote = measure(onA, account -> deposit(sender, account, "1"));
        long[] throughOwnBus = measure(onA, account -> deposit(nodeA, account, "1"));
        long[] localSegment = measure(onA, account -> depositOnLocalSegment(nodeA, account));

        System.out.printf("[cluster] deposit latency ms p50/p99: new accounts from the load-0 node %s (n=%d); "
                        + "to node a's accounts: from the load-0 node %s, from node a through its distributed bus %s, "
                        + "on node a's local segment without JGroups %s (n=%d)%n", percentiles(opening), opening.length,
                percentiles(remote), percentiles(throughOwnBus), percentiles(localSegment), onA.size());
        assertThat(onA.size()).as("accounts routed to node a").isBetween(LATENCY_SAMPLES / 2, LATENCY_SAMPLES * 3 / 2);
        assertThat(percentile(remote, 99)).as("remote p99 in ms").isLessThan(SEND_TIMEOUT.toMillis());
    }

    @Test
    @Order(4)
    void whenACommandNodeLeavesItsAggregatesAreHandledByTheOtherWithinSeconds() throws Exception {
        AccountId movedAccount = accountHandledBy(nodeB);
        long start = System.nanoTime();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(nodeB::close);

        int failedAttempts = 0;
        while (true) {
            try {
                nodeA.handledKeys.remove(movedAccount.value());
                deposit(sender, movedAccount, "1");
                if (nodeA.handledKeys.contains(movedAccount.value())) {
                    break;
                }
            } catch (RuntimeException duringFailover) {
                failedAttempts++;
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            Thread.sleep(20);
        }
        long failoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        closing.get(60, TimeUnit.SECONDS);
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("[cluster] node b closed: its account handled by node a after %d ms (%d failed attempts); "
                + "close took %d ms%n", failoverMillis, failedAttempts, closeMillis);

        assertThat(sender.routesTo()).hasSize(1);
        AccountId fresh = AccountId.of("after-" + UUID.randomUUID());
        deposit(sender, fresh, "1");
        assertThat(nodeA.handledKeys).contains(fresh.value());
    }

    @Test
    @Order(5)
    void everyStoredEventIsPublishedToKafkaByWhicheverCommandNodeHoldsThePublisherToken() {
        Set<String> stored = new HashSet<>(database.queryForList(
                "select event_identifier from domain_event_entry", String.class));

        Set<String> published = new HashSet<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            published.addAll(publishedMessageIds());
            assertThat(published).containsAll(stored);
        });
    }

    private static DepositReceipt deposit(ClusterNode from, AccountId account, String amount) {
        return from.gateway().sendAndWait(new DepositFundsCommand(account, account.value(), DepositId.random(),
                Asset.of("USDT"), new BigDecimal(amount)), SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void depositOnLocalSegment(ClusterNode node, AccountId account) {
        FutureCallback<Object, Object> result = new FutureCallback<>();
        node.localSegment().dispatch(GenericCommandMessage.asCommandMessage(new DepositFundsCommand(account,
                account.value(), DepositId.random(), Asset.of("USDT"), BigDecimal.ONE)), result);
        CommandResultMessage<?> outcome = result.getResult(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(outcome.isExceptional()).as("local deposit failed: %s", outcome).isFalse();
    }

    private static long[] measure(List<AccountId> accounts, Consumer<AccountId> send) {
        long[] nanos = new long[accounts.size()];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            send.accept(accounts.get(i));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double percentile(long[] sortedNanos, int percent) {
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(percent / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[index] / 1_000_000.0;
    }

    private static String percentiles(long[] sortedNanos) {
        return "%.2f/%.2f".formatted(percentile(sortedNanos, 50), percentile(sortedNanos, 99));
    }

    private static Map<AccountId, String> handlers(List<AccountId> accounts) {
        Map<AccountId, String> handlers = new HashMap<>();
        accounts.forEach(account -> handlers.put(account, handlerOf(account).name));
        return handlers;
    }

    private static ClusterNode handlerOf(AccountId account) {
        boolean onA = nodeA.handledKeys.contains(account.value());
        boolean onB = nodeB.handledKeys.contains(account.value());
        assertThat(onA ^ onB).as("account %s handled by exactly one node", account).isTrue();
        return onA ? nodeA : nodeB;
    }

    private static AccountId accountHandledBy(ClusterNode node) {
        return node.handledKeys.stream().filter(key -> key.startsWith("cluster-")).findFirst().map(AccountId::of)
                .orElseThrow();
    }

    private static BigDecimal deposited(List<AccountId> accounts) {
        List<String> ids = accounts.stream().map(AccountId::value).toList();
        return database.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry "
                        + "where payload_type like '%FundsDepositedEvent'", String.class).stream()
                .filter(payload -> ids.stream().anyMatch(payload::contains))
                .map(payload -> new BigDecimal(payload.replaceAll(".*\"amount\":\"([0-9.]+)\".*", "$1")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Set<String> publishedMessageIds() {
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = TopicReader.fromTheStart(COMPONENTS, TOPIC)) {
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            long idleUntil = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < idleUntil) {
                consumer.poll(Duration.ofMillis(300)).forEach(batch::add);
            }
            for (ConsumerRecord<String, byte[]> record : batch) {
                Header id = record.headers().lastHeader("axon-message-id");
                if (id != null) {
                    ids.add(new String(id.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return ids;
    }

    private static MarketSpec spec(String tickSize) {
        return new MarketSpec(Asset.of("BTC"), Asset.of("USDT"), new BigDecimal(tickSize), new BigDecimal("0.00001"),
                new BigDecimal("0.00001"), new BigDecimal("1000"), new BigDecimal("5"),
                new BigDecimal("0.001"), new BigDecimal("0.002"));
    }
}
