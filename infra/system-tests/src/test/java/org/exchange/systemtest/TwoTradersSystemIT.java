package org.exchange.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.testsupport.ApiClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchange.systemtest.RunningStack.ADMIN;
import static org.exchange.systemtest.RunningStack.API;
import static org.exchange.systemtest.RunningStack.demoFee;
import static org.exchange.systemtest.RunningStack.GATEWAY_TOKENS;
import static org.awaitility.Awaitility.await;

/**
 * Two fresh traders cross orders in BTC-USDT through the gateway: a partial fill, a fill at a better
 * price than asked, a cancel of a remainder, fees on both sides. Every balance and order is checked
 * to the last decimal against what the exchange's rules say (fees 0.1 % of the trade value, in USDT,
 * rounded down to 8 decimals; the buyer pays them on top, the seller receives the value minus them).
 */
class TwoTradersSystemIT {

    private static final String MARKET = "BTC-USDT";

    private static Trader buyer;
    private static Trader seller;
    /** A price band of its own, so that nothing else resting in the book takes part. */
    private static BigDecimal price;

    @BeforeAll
    static void twoFundedTraders() {
        buyer = Trader.create(API, ADMIN, GATEWAY_TOKENS, "sys-buyer");
        seller = Trader.create(API, ADMIN, GATEWAY_TOKENS, "sys-seller");
        String admin = GATEWAY_TOKENS.token("root", "root");
        buyer.fund(admin, "USDT", "20000");
        seller.fund(admin, "BTC", "1");
        price = new BigDecimal(ThreadLocalRandom.current().nextInt(20_000, 30_000) + ".37");
    }

    @AfterAll
    static void leaveNothingResting() {
        buyer.cancelAll(MARKET);
        seller.cancelAll(MARKET);
    }

    @Test
    void crossingOrdersSettleToTheLastDecimal() {
        String ask = price.toPlainString();
        String sell = seller.accepted(seller.limit(MARKET, "SELL", "GTC", ask, "0.54321"));
        // a taker buy above the ask trades at the ask (the resting order's price)
        Response first = buyer.limit(MARKET, "BUY", "GTC", price.add(new BigDecimal("150")).toPlainString(), "0.12345");
        String firstBuy = buyer.accepted(first);
        assertThat(first.json().path("status").asText()).isEqualTo("FILLED");
        // the second buy takes the rest of the ask and rests with its remainder, which is then canceled
        Response second = buyer.limit(MARKET, "BUY", "GTC", ask, "0.50000");
        String secondBuy = buyer.accepted(second);
        assertThat(second.json().path("status").asText()).isEqualTo("PARTIALLY_FILLED");
        Response canceled = buyer.cancel(secondBuy);
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().path("status").asText()).isEqualTo("CANCELED");

        BigDecimal firstValue = price.multiply(new BigDecimal("0.12345"));
        BigDecimal secondValue = price.multiply(new BigDecimal("0.41976"));
        BigDecimal firstFee = demoFee(firstValue);
        BigDecimal secondFee = demoFee(secondValue);

        JsonNode sellOrder = seller.awaitOrder(sell, "FILLED");
        assertThat(decimal(sellOrder, "filledQuantity")).isEqualByComparingTo("0.54321");
        assertThat(decimal(sellOrder, "averagePrice")).isEqualByComparingTo(price);
        assertThat(decimal(sellOrder, "fees")).isEqualByComparingTo(firstFee.add(secondFee));
        JsonNode firstOrder = buyer.awaitOrder(firstBuy, "FILLED");
        assertThat(decimal(firstOrder, "averagePrice")).isEqualByComparingTo(price);
        JsonNode secondOrder = buyer.awaitOrder(secondBuy, "CANCELED");
        assertThat(decimal(secondOrder, "filledQuantity")).isEqualByComparingTo("0.41976");

        BigDecimal paid = firstValue.add(firstFee).add(secondValue).add(secondFee);
        BigDecimal received = firstValue.subtract(firstFee).add(secondValue).subtract(secondFee);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(buyer.balance("USDT")).isEqualTo(balance(new BigDecimal("20000").subtract(paid), BigDecimal.ZERO));
            assertThat(buyer.balance("BTC")).isEqualTo(balance(new BigDecimal("0.54321"), BigDecimal.ZERO));
            assertThat(seller.balance("BTC")).isEqualTo(balance(new BigDecimal("0.45679"), BigDecimal.ZERO));
            assertThat(seller.balance("USDT")).isEqualTo(balance(received, BigDecimal.ZERO));
        });
        // what left the two traders in USDT is exactly the fees the exchange kept
        assertThat(paid.subtract(received)).isEqualByComparingTo(firstFee.add(secondFee).multiply(BigDecimal.TWO));

        // the public tape, read as of the second buy's position, ends with both executions at the ask
        Response tape = buyer.get("/api/v1/markets/" + MARKET + "/trades?limit=2&minPosition="
                + second.json().path("position").asLong());
        assertThat(tape.status()).as(tape.body()).isEqualTo(200);
        assertThat(tape.json().path("trades").findValuesAsText("quantity")).extracting(BigDecimal::new)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.41976"), new BigDecimal("0.12345"));
        assertThat(tape.json().path("trades").findValuesAsText("price")).extracting(BigDecimal::new)
                .allSatisfy(traded -> assertThat(traded).isEqualByComparingTo(price));
        // the buyer's statement: each trade debited the hold in USDT and credited BTC
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(buyer.get("/api/v1/ledger?asset=BTC").json().path("entries").findValuesAsText("amount"))
                        .extracting(BigDecimal::new).usingElementComparator(BigDecimal::compareTo)
                        .containsExactly(new BigDecimal("0.41976"), new BigDecimal("0.12345")));
    }

    @Test
    void refusalsLeaveNoHoldBehind() {
        Trader poor = Trader.create(API, ADMIN, GATEWAY_TOKENS, "sys-poor");
        poor.fund(GATEWAY_TOKENS.token("root", "root"), "USDT", "100");

        Response tooExpensive = poor.limit(MARKET, "BUY", "GTC", price.toPlainString(), "0.1");
        Response nothingToSell = poor.limit(MARKET, "SELL", "GTC", price.toPlainString(), "0.1");
        Response badTick = poor.limit(MARKET, "BUY", "GTC", "100.001", "0.1");
        Response unknownMarket = poor.limit("DOGE-USDT", "BUY", "GTC", "1", "10");
        Trader other = funded("sys-other", "BTC", "1");
        Response notMine = poor.cancel(other.accepted(other.limit(MARKET, "SELL", "GTC",
                price.add(new BigDecimal("5000")).toPlainString(), "0.001")));
        other.cancelAll(MARKET);

        assertProblem(tooExpensive, 400, "INSUFFICIENT_FUNDS");
        assertProblem(nothingToSell, 400, "INSUFFICIENT_FUNDS");
        assertProblem(badTick, 400, "PRICE_TICK");
        assertProblem(unknownMarket, 404, "UNKNOWN_MARKET");
        assertProblem(notMine, 404, "ORDER_NOT_FOUND");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(poor.balance("USDT")).isEqualTo(balance(new BigDecimal("100"), BigDecimal.ZERO)));
    }

    @Test
    void aPostOnlyOrderThatWouldTakeIsRefusedAndARetryReturnsTheSameOrder() {
        Trader maker = funded("sys-maker", "BTC", "1");
        Trader taker = funded("sys-taker", "USDT", "1000");
        String ask = price.add(new BigDecimal("1000")).toPlainString();
        maker.accepted(maker.limit(MARKET, "SELL", "GTC", ask, "0.001"));

        Response wouldTake = taker.place("{\"market\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT_MAKER\",\"price\":\"%s\",\"quantity\":\"0.001\"}"
                .formatted(ask));
        assertProblem(wouldTake, 409, "WOULD_TAKE");

        String body = "{\"market\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"%s\",\"quantity\":\"0.001\",\"clientOrderId\":\"retry-1\"}"
                .formatted(price.subtract(new BigDecimal("1000")).toPlainString());
        Response original = taker.place(body);
        Response retry = taker.place(body);
        assertThat(original.status()).as(original.body()).isEqualTo(201);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().path("orderId").asText()).isEqualTo(original.json().path("orderId").asText());
        assertThat(retry.json().path("duplicate").asBoolean()).isTrue();
        maker.cancelAll(MARKET);
        taker.cancelAll(MARKET);
    }

    private static Trader funded(String prefix, String asset, String amount) {
        Trader trader = Trader.create(API, ADMIN, GATEWAY_TOKENS, prefix);
        trader.fund(GATEWAY_TOKENS.token("root", "root"), asset, amount);
        return trader;
    }

    private static Trader.Balance balance(BigDecimal available, BigDecimal held) {
        return new Trader.Balance(available.setScale(8), held.setScale(8));
    }

    private static BigDecimal decimal(JsonNode order, String field) {
        return new BigDecimal(order.path(field).asText());
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.body()).isTrue();
        assertThat(response.json().path("code").asText()).as(response.body()).isEqualTo(code);
    }
}
