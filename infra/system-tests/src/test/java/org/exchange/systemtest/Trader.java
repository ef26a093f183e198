package org.exchange.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A fresh trader driving the running system through the gateway, as a client program would. */
final class Trader {

    /** A balance as the trader sees it. */
    record Balance(BigDecimal available, BigDecimal held) {
        BigDecimal total() {
            return available.add(held);
        }
    }

    private final ApiClient api;
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private final Keycloak tokens;
    final String name;
    final String accountId;
    private volatile String token;

    private Trader(ApiClient api, Keycloak tokens, String name, String accountId) {
        this.api = api;
        this.tokens = tokens;
        this.name = name;
        this.accountId = accountId;
        this.token = tokens.token(name, name);
    }

    /** Creates a trader; the first one of a test run first clears away what earlier runs left ({@link EarlierRuns}). */
    static Trader create(ApiClient api, Keycloak admin, Keycloak gatewayTokens, String prefix) {
        if (SWEPT.compareAndSet(false, true)) {
            EarlierRuns.cancelTheirOrders(api, admin, gatewayTokens);
        }
        String name = admin.createUser(prefix, "trader");
        return new Trader(api, gatewayTokens, name, admin.userId(name));
    }

    /**
     * A fresh token, for runs longer than a token lives. Once per trader at a time, and not again within
     * 10 s: the client threads sharing a trader all see its token expire together, and Keycloak (26, brute
     * force detection on) refuses concurrent password grants of one user as {@code user_temporarily_disabled}
     * ("Invalid user credentials"), which ended a reliability run (docs/pitfalls.md).
     */
    synchronized void signInAgain() {
        if (System.nanoTime() - signedInAt < SIGN_IN_INTERVAL_NANOS) {
            return;
        }
        token = tokens.token(name, name);
        signedInAt = System.nanoTime();
    }

    private static final long SIGN_IN_INTERVAL_NANOS = 10_000_000_000L;
    private long signedInAt = System.nanoTime();

    void fund(String adminToken, String asset, String amount) {
        Response deposit = api.post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"%s\",\"amount\":\"%s\",\"depositId\":\"%s\"}"
                        .formatted(name, asset, amount, "sys-" + UUID.randomUUID()));
        assertThat(deposit.status()).as(deposit.body()).isEqualTo(201);
    }

    /** A new API key of the trader's (the answer holds its secret, shown once). */
    Response createApiKey(String keyJson) {
        return api.post("/api/v1/api-keys", token, keyJson);
    }

    Response place(String orderJson) {
        return api.post("/api/v1/orders", token, orderJson);
    }

    Response limit(String market, String side, String tif, String price, String quantity) {
        return place("{\"market\":\"%s\",\"side\":\"%s\",\"type\":\"LIMIT\",\"timeInForce\":\"%s\",\"price\":\"%s\",\"quantity\":\"%s\"}"
                .formatted(market, side, tif, price, quantity));
    }

    /** Places and expects acceptance; returns the order id. */
    String accepted(Response placed) {
        assertThat(placed.status()).as(placed.body()).isIn(200, 201);
        return placed.json().path("orderId").asText();
    }

    Response cancel(String orderId) {
        return api.send("DELETE", "/api/v1/orders/" + orderId, token, null);
    }

    Response cancelAll(String market) {
        return api.send("DELETE", "/api/v1/orders?market=" + market, token, null);
    }

    Response order(String orderId) {
        return api.get("/api/v1/orders/" + orderId, token);
    }

    Response get(String path) {
        return api.get(path, token);
    }

    /** Waits until the order reads as {@code status} and returns it. */
    JsonNode awaitOrder(String orderId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(25)).untilAsserted(() -> {
            Response response = order(orderId);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            last[0] = response.json();
            assertThat(last[0].path("status").asText()).as(response.body()).isEqualTo(status);
        });
        return last[0];
    }

    Map<String, Balance> balances() {
        Response response = api.get("/api/v1/balances", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, Balance> balances = new HashMap<>();
        response.json().path("balances").forEach(row -> balances.put(row.path("asset").asText(),
                new Balance(new BigDecimal(row.path("available").asText()), new BigDecimal(row.path("held").asText()))));
        return balances;
    }

    Balance balance(String asset) {
        return balances().getOrDefault(asset, new Balance(BigDecimal.ZERO, BigDecimal.ZERO));
    }

    /** Every page of the trader's orders in a market. */
    /** Every entry of the trader's ledger statement (all assets). */
    List<JsonNode> ledger() {
        return pages("/api/v1/ledger?limit=500", "entries");
    }

    List<JsonNode> orders(String market) {
        return pages("/api/v1/orders?market=" + market + "&limit=500", "orders");
    }

    /** Every page of the trader's trades in a market. */
    List<JsonNode> trades(String market) {
        return pages("/api/v1/trades?market=" + market + "&limit=500", "trades");
    }

    private List<JsonNode> pages(String firstPage, String field) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(firstPage + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path(field).forEach(all::add);
            JsonNode next = page.json().path("nextCursor");
            cursor = next.isMissingNode() || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return all;
    }
}
