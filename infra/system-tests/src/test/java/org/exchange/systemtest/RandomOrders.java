package org.exchange.systemtest;

import org.exchange.testsupport.ApiClient.Response;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seeded random order flow for the system tests: limit orders (GTC, IOC, FOK) around a price band of
 * the run's own, post-only orders, market orders by quantity or quote amount, and cancels of the
 * trader's earlier orders. Counts what was acknowledged and keeps every answer a client should never
 * get (a 5xx, or a refusal other than the ones random orders earn).
 */
final class RandomOrders {

    /** Refusals a random client can legitimately get. */
    static final Set<String> EXPECTED_REFUSALS = Set.of(
            "INSUFFICIENT_FUNDS", "MIN_NOTIONAL", "WOULD_TAKE", "ORDER_NOT_FOUND", "ALREADY_CLOSED",
            "TOO_MANY_OPEN_ORDERS");

    /** A market's grid and a price band of its own for this run. */
    record Market(String id, BigDecimal tick, BigDecimal step, BigDecimal mid, int maxLots) {
        String price(Random random) {
            int offset = (int) Math.round(random.nextGaussian() * 20);
            return mid.add(tick.multiply(BigDecimal.valueOf(offset))).toPlainString();
        }

        String quantity(Random random) {
            return step.multiply(BigDecimal.valueOf(1 + random.nextInt(maxLots))).toPlainString();
        }
    }

    /** The three demo markets, each with a mid price drawn from {@code random}. */
    static List<Market> demoMarkets(Random random) {
        return List.of(
                new Market("BTC-USDT", new BigDecimal("0.01"), new BigDecimal("0.00001"),
                        new BigDecimal(30_000 + random.nextInt(20_000)), 5_000),
                new Market("ETH-USDT", new BigDecimal("0.01"), new BigDecimal("0.0001"),
                        new BigDecimal(1_000 + random.nextInt(2_000)), 10_000),
                new Market("ETH-BTC", new BigDecimal("0.00001"), new BigDecimal("0.001"),
                        new BigDecimal("0.0" + (3 + random.nextInt(6)) + "000"), 1_000));
    }

    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    /** Expected refusals by code, for the run's summary. */
    final Map<String, AtomicInteger> refusals = new ConcurrentSkipListMap<>();
    private final Map<String, List<String>> ordersByTrader = new ConcurrentHashMap<>();
    private final List<Trader> traders;
    private final List<Market> markets;

    RandomOrders(List<Trader> traders, List<Market> markets) {
        this.traders = traders;
        this.markets = markets;
    }

    /**
     * Sends one random request. With {@code faultsExpected}, answers that a service being down
     * produces (502/503/504, a refused connection) count as failed instead of unexpected.
     */
    void sendOne(Random random, boolean faultsExpected) {
        Trader trader = traders.get(random.nextInt(traders.size()));
        Market market = markets.get(random.nextInt(markets.size()));
        Response response;
        try {
            response = request(random, trader, market);
        } catch (RuntimeException connectionFailure) {
            if (!faultsExpected) {
                throw connectionFailure;
            }
            failed.incrementAndGet();
            backOff();
            return;
        }
        if (response.status() == 401 && faultsExpected) {
            // a long fault drill outlives an access token (5 min): sign in again, as a client does
            trader.signInAgain();
            return;
        }
        if (response.status() == 200 || response.status() == 201) {
            acknowledged.incrementAndGet();
            String orderId = response.json().path("orderId").asText();
            List<String> mine = ordersByTrader.computeIfAbsent(trader.accountId, k -> new ArrayList<>());
            synchronized (mine) {
                mine.add(orderId);
            }
        } else if (faultsExpected && response.status() >= 502 && response.status() <= 504) {
            failed.incrementAndGet();
            backOff();
        } else if (response.status() >= 500 || !EXPECTED_REFUSALS.contains(code(response))) {
            unexpected.add(response.status() + " " + response.body());
        } else {
            refusals.computeIfAbsent(code(response), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** What a client does when the exchange is unavailable: wait a little before the next request. */
    private static void backOff() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Response request(Random random, Trader trader, Market market) {
        int kind = random.nextInt(100);
        String side = random.nextBoolean() ? "BUY" : "SELL";
        if (kind < 10) {
            String earlier = earlierOrder(random, trader);
            if (earlier != null) {
                return trader.cancel(earlier);
            }
        }
        if (kind < 18) {
            String amount = side.equals("SELL") || random.nextBoolean()
                    ? "\"quantity\":\"" + market.quantity(random) + "\""
                    : "\"quoteQuantity\":\"" + new BigDecimal(market.quantity(random)).multiply(market.mid())
                    .setScale(market.tick().scale(), RoundingMode.DOWN).toPlainString() + "\"";
            return trader.place("{\"market\":\"%s\",\"side\":\"%s\",\"type\":\"MARKET\",%s}".formatted(market.id(), side, amount));
        }
        if (kind < 23) {
            return trader.place("{\"market\":\"%s\",\"side\":\"%s\",\"type\":\"LIMIT_MAKER\",\"price\":\"%s\",\"quantity\":\"%s\"}"
                    .formatted(market.id(), side, market.price(random), market.quantity(random)));
        }
        String tif = kind < 30 ? "IOC" : kind < 33 ? "FOK" : "GTC";
        return trader.limit(market.id(), side, tif, market.price(random), market.quantity(random));
    }

    /** The ids of the trader's orders the exchange acknowledged (placed or canceled). */
    List<String> acknowledgedOrders(Trader trader) {
        List<String> mine = ordersByTrader.getOrDefault(trader.accountId, List.of());
        synchronized (mine) {
            return List.copyOf(mine);
        }
    }

    private String earlierOrder(Random random, Trader trader) {
        List<String> mine = ordersByTrader.get(trader.accountId);
        if (mine == null) {
            return null;
        }
        synchronized (mine) {
            return mine.isEmpty() ? null : mine.get(random.nextInt(mine.size()));
        }
    }

    private static String code(Response response) {
        return response.isProblem() ? response.json().path("code").asText() : "";
    }
}
