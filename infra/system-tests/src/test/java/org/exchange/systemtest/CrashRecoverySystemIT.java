package org.exchange.systemtest;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the command side (which runs the sagas in the default topology), and of the
 * saga-orchestrator when it runs as its own process, each in the middle of a burst of orders, then a
 * restart: afterwards every acknowledged order is in a consistent final state,
 * nothing was settled twice and every asset is conserved ({@link Consistency}).
 */
class CrashRecoverySystemIT {

    private static final File ROOT = new File(System.getProperty("exchange.root", "../.."));

    @Test
    void killingTheCommandSideAndTheSagasMidBurstLosesNothing() throws Exception {
        long seed = Long.getLong("exchange.random.seed", System.nanoTime());
        System.out.println("crash drill: seed " + seed);
        List<RandomOrders.Market> markets = RandomOrders.demoMarkets(new Random(seed));
        List<Trader> traders = RandomTradingSystemIT.fundedTraders(4, "sys-crash");
        RandomOrders flow = new RandomOrders(traders, markets);

        // with the sagas embedded (the default topology) they die and recover with the command side
        boolean separateSagas = "false".equals(System.getenv("EXCHANGE_SAGAS_EMBEDDED"));
        List<String> victims = separateSagas ? List.of("command-side", "saga-orchestrator") : List.of("command-side");
        for (String service : victims) {
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> burst = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(seed + service.hashCode() + t);
                burst.add(pool.submit(() -> {
                    while (running.get()) {
                        flow.sendOne(random, true);
                    }
                    return null;
                }));
            }
            TimeUnit.SECONDS.sleep(5);
            int beforeCrash = flow.acknowledged.get();
            exchange("crash", service);
            long down = System.nanoTime();
            exchange("restart", service);
            long restarted = System.nanoTime();
            int atRestart = flow.acknowledged.get();
            // healthy is not yet trading: each market is replayed from its first event on its first order
            long firstAcknowledged = waitForMore(flow, atRestart, Duration.ofSeconds(90));
            TimeUnit.SECONDS.sleep(3);
            running.set(false);
            for (Future<?> done : burst) {
                done.get();
            }
            pool.shutdown();
            int afterRestart = flow.acknowledged.get() - atRestart;
            System.out.printf("crash drill: %s killed after %d acknowledged requests; healthy again %d ms after the "
                    + "kill, first request acknowledged %d ms after that; %d acknowledged after the restart%n", service,
                    beforeCrash, (restarted - down) / 1_000_000, (firstAcknowledged - restarted) / 1_000_000, afterRestart);
            assertThat(beforeCrash).as("requests acknowledged before the kill").isPositive();
            assertThat(afterRestart).as("requests acknowledged after the restart of " + service).isPositive();
        }
        System.out.printf("crash drill: %d acknowledged, %d failed while a service was down%n",
                flow.acknowledged.get(), flow.failed.get());

        assertThat(flow.unexpected).as("answers no client should get").isEmpty();
        Consistency.afterCancelingEverything(traders, markets.stream().map(RandomOrders.Market::id).toList(),
                RandomTradingSystemIT.DEPOSIT);
    }

    /** @return when the count of acknowledged requests first exceeded {@code before} (or the timeout ran out) */
    private static long waitForMore(RandomOrders flow, int before, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (flow.acknowledged.get() <= before && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return System.nanoTime();
    }

    private static void exchange(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./exchange"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(ROOT).inheritIO().start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    }
}
