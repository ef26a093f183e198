package org.exchange.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.Keycloak;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's traders: Keycloak users named {@code loadgen-…} with the trader role, kept from run
 * to run (creating a user costs Keycloak several requests), each topped up by deposits to
 * {@link #FUNDS} and signed in with a real token through the gateway. Their open orders are canceled
 * before and after a run, so that runs do not pile up resting orders.
 */
final class BenchTraders {

    static final String PREFIX = "loadgen";
    /** What each trader holds at the start of a run: enough for 200 open orders of the flow's sizes. */
    static final Map<String, BigDecimal> FUNDS = Map.of(
            "USDT", new BigDecimal("5000000"), "BTC", new BigDecimal("200"), "ETH", new BigDecimal("5000"));
    /** Tokens live 300 s in the realm: sign in again well before. */
    private static final long TOKEN_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(200);

    private final ApiClient api;
    private final Keycloak admin;
    private final Keycloak gatewayTokens;
    private final List<String> names = new ArrayList<>();
    private final List<String> accountIds = new ArrayList<>();
    private volatile String[] tokens;
    private volatile long signedInAt;

    BenchTraders(ApiClient api, Keycloak admin, Keycloak gatewayTokens) {
        this.api = api;
        this.admin = admin;
        this.gatewayTokens = gatewayTokens;
    }

    /** Finds or creates {@code count} traders, signs them in and tops up their balances. */
    void prepare(int count, List<BenchMarket> markets) {
        List<String> existing = admin.usernamesStartingWith(PREFIX + "-").stream().sorted().toList();
        for (int i = 0; i < count; i++) {
            String name = i < existing.size() ? existing.get(i) : admin.createUser(PREFIX, "trader");
            names.add(name);
        }
        parallel(count, i -> {
            String id = admin.userId(names.get(i));
            synchronized (accountIds) {
                while (accountIds.size() <= i) {
                    accountIds.add(null);
                }
                accountIds.set(i, id);
            }
        });
        signIn();
        String root = gatewayTokens.token("root", "root");
        parallel(count, i -> topUp(i, root));
        cancelOpenOrders(markets);
    }

    int count() {
        return names.size();
    }

    String token(int trader) {
        return tokens[trader];
    }

    String accountId(int trader) {
        return accountIds.get(trader);
    }

    /** Signs every trader in again when the tokens are getting old; true when it did. */
    boolean refreshIfOld() {
        if (System.nanoTime() - signedInAt < TOKEN_REFRESH_NANOS) {
            return false;
        }
        signIn();
        return true;
    }

    private void signIn() {
        String[] fresh = new String[names.size()];
        parallel(names.size(), i -> fresh[i] = gatewayTokens.token(names.get(i), names.get(i)));
        tokens = fresh;
        signedInAt = System.nanoTime();
    }

    private void topUp(int trader, String rootToken) {
        ApiClient.Response balances = api.get("/api/v1/balances", tokens[trader]);
        if (balances.status() != 200) {
            throw new IllegalStateException("balances of " + names.get(trader) + ": " + balances.status() + " " + balances.body());
        }
        Map<String, BigDecimal> total = new java.util.HashMap<>();
        for (JsonNode row : balances.json().path("balances")) {
            total.put(row.path("asset").asText(), new BigDecimal(row.path("total").asText()));
        }
        FUNDS.forEach((asset, target) -> {
            BigDecimal missing = target.subtract(total.getOrDefault(asset, BigDecimal.ZERO));
            if (missing.signum() > 0) {
                ApiClient.Response deposit = api.post("/api/v1/admin/deposits", rootToken,
                        "{\"user\":\"%s\",\"asset\":\"%s\",\"amount\":\"%s\",\"depositId\":\"%s\"}".formatted(
                                names.get(trader), asset, missing.toPlainString(), "loadgen-" + UUID.randomUUID()));
                if (deposit.status() != 201) {
                    throw new IllegalStateException("deposit for " + names.get(trader) + ": " + deposit.status() + " " + deposit.body());
                }
            }
        });
    }

    /** Cancels every open order of every trader in these markets; returns how many were canceled. */
    int cancelOpenOrders(List<BenchMarket> markets) {
        int[] canceled = new int[names.size()];
        parallel(names.size(), i -> {
            for (BenchMarket market : markets) {
                ApiClient.Response answer = api.send("DELETE", "/api/v1/orders?market=" + market.id(), tokens[i], null);
                if (answer.status() == 200) {
                    canceled[i] += answer.json().path("canceledOrderIds").size();
                }
            }
        });
        int sum = 0;
        for (int n : canceled) {
            sum += n;
        }
        return sum;
    }

    /** Runs {@code work} for 0..count-1 on a few threads and waits; the first failure is thrown. */
    private static void parallel(int count, java.util.function.IntConsumer work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, Math.max(1, count)));
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                all.add(CompletableFuture.runAsync(() -> work.accept(index), pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
    }
}
