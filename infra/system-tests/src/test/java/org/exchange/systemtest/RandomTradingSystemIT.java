package org.exchange.systemtest;

import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded random run of 2,000 orders from several traders over three markets, sent concurrently
 * through the gateway; afterwards the books must balance ({@link Consistency}). The seed is printed;
 * {@code -Dexchange.random.seed=…} repeats a run.
 */
class RandomTradingSystemIT {

    static final RealComponents COMPONENTS = RealComponents.current();
    static final String GATEWAY = System.getenv().getOrDefault("EXCHANGE_GATEWAY_URL", "http://127.0.0.1:8000");
    static final ApiClient API = new ApiClient(GATEWAY);
    static final Keycloak ADMIN = new Keycloak(COMPONENTS);
    static final Keycloak GATEWAY_TOKENS = new Keycloak(COMPONENTS.withKeycloakUrl(GATEWAY));
    static final Map<String, BigDecimal> DEPOSIT = Map.of(
            "USDT", new BigDecimal("1000000"), "BTC", new BigDecimal("50"), "ETH", new BigDecimal("500"));
    private static final int ORDERS = Integer.getInteger("exchange.random.orders", 2_000);
    private static final int THREADS = 8;

    static List<Trader> fundedTraders(int count, String prefix) {
        List<Trader> traders = new ArrayList<>();
        String admin = GATEWAY_TOKENS.token("root", "root");
        for (int i = 0; i < count; i++) {
            Trader trader = Trader.create(API, ADMIN, GATEWAY_TOKENS, prefix);
            DEPOSIT.forEach((asset, amount) -> trader.fund(admin, asset, amount.toPlainString()));
            traders.add(trader);
        }
        return traders;
    }

    @Test
    void conservationAndFillsHoldAfterARandomRun() throws Exception {
        long seed = Long.getLong("exchange.random.seed", System.nanoTime());
        System.out.println("random trading run: seed " + seed + ", " + ORDERS + " orders");
        List<RandomOrders.Market> markets = RandomOrders.demoMarkets(new Random(seed));
        List<Trader> traders = fundedTraders(6, "sys-random");
        RandomOrders flow = new RandomOrders(traders, markets);

        List<String> marketIds = markets.stream().map(RandomOrders.Market::id).toList();
        long start = System.nanoTime();
        try {
            sendConcurrently(seed, flow);
            System.out.printf("random trading run: %d requests in %d ms, %d acknowledged, refused: %s%n", ORDERS,
                    (System.nanoTime() - start) / 1_000_000, flow.acknowledged.get(), flow.refusals);
            assertThat(flow.unexpected).as("answers no client should get").isEmpty();
            assertThat(flow.acknowledged.get()).as("acknowledged requests").isGreaterThan(ORDERS / 2);
        } catch (Throwable failure) {
            // the run's own failure is the one reported; the books are still checked and left clean
            try {
                Consistency.afterCancelingEverything(traders, marketIds, DEPOSIT);
            } catch (Throwable alsoBroken) {
                failure.addSuppressed(alsoBroken);
            }
            throw failure;
        }
        Consistency.afterCancelingEverything(traders, marketIds, DEPOSIT);
    }

    private static void sendConcurrently(long seed, RandomOrders flow) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(seed + t + 1);
            int share = ORDERS / THREADS + (t < ORDERS % THREADS ? 1 : 0);
            work.add(pool.submit(() -> {
                for (int n = 0; n < share; n++) {
                    flow.sendOne(random, false);
                }
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get();
        }
        pool.shutdown();
    }
}
