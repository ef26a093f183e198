package org.exchange.systemtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What must be true once a group of traders, trading only with each other, has canceled everything:
 * every order final, nothing held, every order's fills adding up to its filled quantity, and for every
 * asset the traders' balances plus the fees they paid equal what they deposited.
 */
final class Consistency {

    private Consistency() {
    }

    static void afterCancelingEverything(List<Trader> traders, List<String> markets, Map<String, BigDecimal> depositEach) {
        for (Trader trader : traders) {
            trader.signInAgain();
            markets.forEach(market -> assertThat(trader.cancelAll(market).status()).isEqualTo(200));
        }
        // orders caught mid-way by a fault are rejected by the saga's deadline (10 s)
        for (Trader trader : traders) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String market : markets) {
                    for (JsonNode order : trader.orders(market)) {
                        assertThat(order.path("status").asText()).as(order.toString())
                                .isIn("FILLED", "CANCELED", "REJECTED", "EXPIRED");
                    }
                }
                trader.balances().forEach((asset, balance) ->
                        assertThat(balance.held()).as(trader.name + " held " + asset).isZero());
            });
        }
        Map<String, BigDecimal> feesPaid = new HashMap<>();
        for (Trader trader : traders) {
            for (String market : markets) {
                fillsAddUp(trader, market, feesPaid);
            }
        }
        // each trader's statement adds up, per asset and bucket, to the balances they see
        for (Trader trader : traders) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, Trader.Balance> fromLedger = new HashMap<>();
                for (JsonNode entry : trader.ledger()) {
                    BigDecimal amount = new BigDecimal(entry.path("amount").asText());
                    boolean held = entry.path("bucket").asText().equals("HELD");
                    fromLedger.merge(entry.path("asset").asText(),
                            new Trader.Balance(held ? BigDecimal.ZERO : amount, held ? amount : BigDecimal.ZERO),
                            (one, other) -> new Trader.Balance(one.available().add(other.available()),
                                    one.held().add(other.held())));
                }
                trader.balances().forEach((asset, balance) -> {
                    Trader.Balance posted = fromLedger.getOrDefault(asset,
                            new Trader.Balance(BigDecimal.ZERO, BigDecimal.ZERO));
                    assertThat(posted.available()).as(trader.name + " ledger " + asset + " available")
                            .isEqualByComparingTo(balance.available());
                    assertThat(posted.held()).as(trader.name + " ledger " + asset + " held")
                            .isEqualByComparingTo(balance.held());
                });
            });
        }
        for (String asset : depositEach.keySet()) {
            BigDecimal total = traders.stream().map(trader -> trader.balance(asset).total()).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal deposited = depositEach.get(asset).multiply(BigDecimal.valueOf(traders.size()));
            assertThat(total.add(feesPaid.getOrDefault(asset, BigDecimal.ZERO))).as("conservation of " + asset)
                    .isEqualByComparingTo(deposited);
        }
    }

    private static void fillsAddUp(Trader trader, String market, Map<String, BigDecimal> feesPaid) {
        Map<String, BigDecimal> filledByOrder = new HashMap<>();
        for (JsonNode trade : trader.trades(market)) {
            filledByOrder.merge(trade.path("orderId").asText(), new BigDecimal(trade.path("quantity").asText()), BigDecimal::add);
            feesPaid.merge(trade.path("feeAsset").asText(), new BigDecimal(trade.path("fee").asText()), BigDecimal::add);
        }
        for (JsonNode order : trader.orders(market)) {
            BigDecimal filled = new BigDecimal(order.path("filledQuantity").asText("0"));
            assertThat(filled).as("fills of " + order)
                    .isEqualByComparingTo(filledByOrder.getOrDefault(order.path("orderId").asText(), BigDecimal.ZERO));
        }
    }
}
