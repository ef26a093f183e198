package org.exchange.systemtest;

import org.exchange.testsupport.ApiClient.Response;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault scenarios on the running stack, each in the middle of a steady order flow: {@code kill -9} of
 * a service then a restart, Kafka or OpenSearch stopped for 30 s, the (private) PostgreSQL restarted.
 * After each the system must recover on its own: a new order is acknowledged and visible in the read
 * models (the scenario's recovery time is measured up to then). After all of them, every
 * acknowledged order is found in the read models in a final state after a cancel-all, nothing is
 * held, fills add up (nothing settled twice), every asset is conserved and each statement adds up
 * to its balances ({@link Consistency}).
 * <p>
 * {@code -Dexchange.reliability.scenarios=} picks them: {@code default} (what {@code ./exchange test}
 * runs: a kill of the command side, of the separate saga-orchestrator if it runs, and of the
 * projections), {@code all} ({@code ./exchange test reliability}), or a comma-separated list of
 * names ({@link #SCENARIOS}; {@code baseline} is the flow without a fault, a control). Figures go to stdout and to {@code target/reliability-report.md}.
 */
class FaultScenariosSystemIT {

    private static final File ROOT = new File(System.getProperty("exchange.root", "../.."));
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("exchange.reliability.outage-seconds", 30));
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(180);
    private static final List<String> DEFAULT = List.of("kill-command-side", "kill-saga-orchestrator", "kill-projections");

    /** A fault, applied to the running stack and ended (the component brought back) by {@link #apply()}. */
    private interface Fault {
        void apply() throws Exception;
    }

    private static final Map<String, Fault> SCENARIOS = new LinkedHashMap<>();

    static {
        // the same flow and checks without a fault: the control for the figures of the others
        SCENARIOS.put("baseline", () -> { });
        for (String service : List.of("command-side", "saga-orchestrator", "projections", "query-side")) {
            SCENARIOS.put("kill-" + service, () -> {
                exchange("crash", service);
                exchange("restart", service);
            });
        }
        for (String component : List.of("kafka", "opensearch")) {
            SCENARIOS.put(component + "-outage", () -> {
                exchange("stop", component);
                TimeUnit.MILLISECONDS.sleep(OUTAGE.toMillis());
                exchange("restart", component);
            });
        }
        SCENARIOS.put("postgres-restart", () -> exchange("restart", "postgres"));
    }

    /** What one scenario did and how long the system took to come back. */
    private record Outcome(String scenario, String status, int acknowledgedBefore, int acknowledgedDuringFault,
                           int failedDuringFault, long faultMillis, long recoveryMillis) {
    }

    @Test
    void everyAcknowledgedOrderSurvivesEachFaultAndTheBooksBalance() throws Exception {
        long seed = Long.getLong("exchange.random.seed", System.nanoTime());
        List<String> chosen = chosenScenarios();
        System.out.println("fault scenarios: seed " + seed + ", " + chosen);
        List<RandomOrders.Market> markets = RandomOrders.demoMarkets(new Random(seed));
        List<Trader> traders = RandomTradingSystemIT.fundedTraders(4, "sys-fault");
        RandomOrders flow = new RandomOrders(traders, markets);
        List<String> marketIds = markets.stream().map(RandomOrders.Market::id).toList();

        List<Outcome> outcomes = new ArrayList<>();
        for (String scenario : chosen) {
            String skipped = whyNotHere(scenario);
            if (skipped != null) {
                System.out.println("fault scenarios: " + scenario + " skipped: " + skipped);
                outcomes.add(new Outcome(scenario, "skipped: " + skipped, 0, 0, 0, 0, 0));
                continue;
            }
            try {
                outcomes.add(underLoad(scenario, flow, seed, traders.getFirst(), markets.getFirst()));
            } catch (Throwable failure) {
                // the scenario's failure is the one reported; the books are still checked and left clean
                report(seed, outcomes, flow);
                try {
                    Consistency.afterCancelingEverything(traders, marketIds, RandomTradingSystemIT.DEPOSIT);
                } catch (Throwable alsoBroken) {
                    failure.addSuppressed(alsoBroken);
                }
                throw new AssertionError(scenario + " failed", failure);
            }
        }
        report(seed, outcomes, flow);

        assertThat(flow.unexpected).as("answers no client should get").isEmpty();
        for (Outcome outcome : outcomes) {
            if (outcome.status().equals("survived")) {
                assertThat(outcome.acknowledgedBefore()).as(outcome.scenario() + ": acknowledged before the fault").isPositive();
            } else {
                assertThat(outcome.status()).as(outcome.scenario()).startsWith("skipped");
            }
        }
        for (String component : List.of("kafka-outage", "opensearch-outage")) {
            outcomes.stream().filter(outcome -> outcome.scenario().equals(component)).forEach(outcome ->
                    assertThat(outcome.acknowledgedDuringFault()).as("orders accepted during the " + component).isPositive());
        }
        Consistency.afterCancelingEverything(traders, marketIds, RandomTradingSystemIT.DEPOSIT);
        for (Trader trader : traders) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<String> seen = marketIds.stream().flatMap(market -> trader.orders(market).stream())
                        .map(order -> order.path("orderId").asText()).toList();
                assertThat(seen).as(trader.name + ": every acknowledged order is in the read models (none lost)")
                        .containsAll(flow.acknowledgedOrders(trader));
            });
        }
        long orders = traders.stream().flatMap(trader -> flow.acknowledgedOrders(trader).stream()).distinct().count();
        String verdict = "%nAfter every scenario: %d distinct orders acknowledged, all found in a final state (lost: 0); "
                .formatted(orders) + "fills add up, nothing held, every asset conserved, ledgers match balances "
                + "(settlement discrepancies: 0).%n".formatted();
        System.out.print(verdict);
        Files.writeString(Path.of("target", "reliability-report.md"), verdict, StandardOpenOption.APPEND);
    }

    /** Runs the fault while four clients keep sending orders; returns once the system has recovered. */
    private static Outcome underLoad(String scenario, RandomOrders flow, long seed, Trader probe, RandomOrders.Market market)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> burst = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Random random = new Random(seed + scenario.hashCode() + t);
            burst.add(pool.submit(() -> {
                while (running.get()) {
                    flow.sendOne(random, true);
                }
                return null;
            }));
        }
        try {
            TimeUnit.SECONDS.sleep(5);
            int before = flow.acknowledged.get();
            int failedBefore = flow.failed.get();
            long faultStart = System.nanoTime();
            SCENARIOS.get(scenario).apply();
            long faultEnd = System.nanoTime();
            int during = flow.acknowledged.get() - before;
            int failed = flow.failed.get() - failedBefore;
            long recovered = recovered(probe, market, faultEnd);
            TimeUnit.SECONDS.sleep(3);
            Outcome outcome = new Outcome(scenario, "survived", before, during, failed,
                    (faultEnd - faultStart) / 1_000_000, (recovered - faultEnd) / 1_000_000);
            System.out.printf("fault scenarios: %s — %d acknowledged before, %d during the fault (%d failed), fault %d ms, "
                    + "recovered %d ms after it ended%n", scenario, before, during, failed, outcome.faultMillis(),
                    outcome.recoveryMillis());
            return outcome;
        } finally {
            running.set(false);
            for (Future<?> done : burst) {
                done.get();
            }
            pool.shutdown();
        }
    }

    /**
     * Recovered: a fresh order is acknowledged and then reads back from the query side (the
     * command side, the event topic, the projections and the query side all work again).
     * @return when that first succeeded
     */
    private static long recovered(Trader probe, RandomOrders.Market market, long since) throws InterruptedException {
        long deadline = since + RECOVERY_LIMIT.toNanos();
        // immediate-or-cancel at mid: it never rests, and any final state reads back
        String price = market.mid().setScale(market.tick().scale(), RoundingMode.DOWN).toPlainString();
        String quantity = market.step().multiply(BigDecimal.valueOf(market.maxLots() / 2)).toPlainString();
        String orderId = null;
        probe.signInAgain();
        while (System.nanoTime() < deadline) {
            try {
                if (orderId == null) {
                    Response placed = probe.limit(market.id(), "BUY", "IOC", price, quantity);
                    if (placed.status() == 200 || placed.status() == 201) {
                        orderId = placed.json().path("orderId").asText();
                    }
                } else if (probe.order(orderId).status() == 200) {
                    return System.nanoTime();
                }
            } catch (RuntimeException stillDown) {
                // a refused connection while a component is still starting
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("not recovered within " + RECOVERY_LIMIT + (orderId == null
                ? ": no order acknowledged" : ": order " + orderId + " acknowledged but never visible"));
    }

    private static List<String> chosenScenarios() {
        String chosen = System.getProperty("exchange.reliability.scenarios", "default").trim();
        if (chosen.equals("default")) {
            return DEFAULT;
        }
        if (chosen.equals("all")) {
            return List.copyOf(SCENARIOS.keySet());
        }
        List<String> names = Arrays.stream(chosen.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        assertThat(SCENARIOS.keySet()).as("known scenarios").containsAll(names);
        return names;
    }

    /** Why a scenario cannot run on this stack, or null. */
    private static String whyNotHere(String scenario) throws IOException {
        if (scenario.equals("kill-saga-orchestrator") && !"false".equals(System.getenv("EXCHANGE_SAGAS_EMBEDDED"))) {
            return "the sagas run inside the command side (EXCHANGE_SAGAS_EMBEDDED=false runs them on their own)";
        }
        if (scenario.equals("postgres-restart")) {
            Path mode = ROOT.toPath().resolve(".run/postgres.mode");
            String pg = Files.exists(mode) ? Files.readString(mode).trim() : "unknown";
            if (!pg.equals("private")) {
                return "PostgreSQL is the machine's server (" + pg + "); EXCHANGE_PG=private runs a private one";
            }
        }
        return null;
    }

    private static void report(long seed, List<Outcome> outcomes, RandomOrders flow) throws IOException {
        StringBuilder table = new StringBuilder("| scenario | result | acknowledged before | acknowledged during | "
                + "failed during (503/connection) | fault ms | recovery ms |\n|---|---|---|---|---|---|---|\n");
        for (Outcome outcome : outcomes) {
            table.append("| %s | %s | %d | %d | %d | %d | %d |%n".formatted(outcome.scenario(), outcome.status(),
                    outcome.acknowledgedBefore(), outcome.acknowledgedDuringFault(), outcome.failedDuringFault(),
                    outcome.faultMillis(), outcome.recoveryMillis()));
        }
        String text = "Fault scenarios run %s, seed %d: %d requests acknowledged, %d failed while a component was down, "
                .formatted(Instant.now(), seed, flow.acknowledged.get(), flow.failed.get())
                + "%d unexpected answers, refusals %s%n%n".formatted(flow.unexpected.size(), flow.refusals) + table;
        System.out.println(text);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("reliability-report.md"), text);
    }

    private static void exchange(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./exchange"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(ROOT).inheritIO().start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }
}
