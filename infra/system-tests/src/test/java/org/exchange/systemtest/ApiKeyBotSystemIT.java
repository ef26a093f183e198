package org.exchange.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchange.systemtest.RunningStack.ADMIN;
import static org.exchange.systemtest.RunningStack.API;
import static org.exchange.systemtest.RunningStack.GATEWAY_TOKENS;

/**
 * A trader sets up a bot through the gateway: creates a key with a login token, the bot places and
 * reads an order with signed requests (the write reaches the command side, the read the query
 * side, both checking the same key), and once the key is revoked the bot is locked out. Every
 * answer carries the rate-limit usage, and the address the services see is the client's, not one a
 * client made up.
 */
class ApiKeyBotSystemIT {


    @Test
    void aBotTradesWithItsKeyUntilTheKeyIsRevoked() {
        String trader = ADMIN.createUser("sys-bot", "trader");
        String token = GATEWAY_TOKENS.token(trader, trader);
        // the demo admin: a created admin named sys-… would be swept as a trader by the next run (EarlierRuns)
        assertThat(API.post("/api/v1/admin/deposits", GATEWAY_TOKENS.token("root", "root"),
                "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"1000\"}".formatted(trader)).status()).isEqualTo(201);

        Response created = API.post("/api/v1/api-keys", token,
                "{\"label\":\"system bot\",\"permissions\":[\"READ\",\"TRADE\"],\"ipAllowList\":[\"127.0.0.1\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode key = created.json();
        String apiKey = key.path("apiKey").asText();
        String secret = key.path("secret").asText();
        Response listed = API.get("/api/v1/api-keys", token);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(key.path("keyId").asText()).doesNotContain(secret);

        String clientOrderId = "bot-" + UUID.randomUUID().toString().substring(0, 8);
        Response placed = API.signed("POST", "/api/v1/orders", "recvWindow=5000", """
                {"market":"BTC-USDT","side":"BUY","type":"LIMIT","timeInForce":"GTC","price":"10000.00",
                 "quantity":"0.010","clientOrderId":"%s"}""".formatted(clientOrderId), apiKey, secret);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.header("X-RateLimit-Remaining")).isNotNull();
        String orderId = placed.json().path("orderId").asText();

        Response read = API.signed("GET", "/api/v1/orders/" + orderId,
                "minPosition=" + placed.json().path("position").asLong(), null, apiKey, secret);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("clientOrderId").asText()).isEqualTo(clientOrderId);
        assertThat(read.header("X-RateLimit-Remaining")).isNotNull();

        // a client claiming another address is not believed: the gateway passes on the real one
        JsonNode elsewhere = API.post("/api/v1/api-keys", token,
                "{\"label\":\"office\",\"permissions\":[\"READ\"],\"ipAllowList\":[\"203.0.113.9\"]}").json();
        String query = "timestamp=" + System.currentTimeMillis();
        Response spoofed = API.request("GET", "/api/v1/orders/" + orderId + "?" + query + "&signature="
                        + ApiClient.signature(elsewhere.path("secret").asText(), query), null,
                Map.of("X-Real-IP", "203.0.113.9", "X-MBX-APIKEY", elsewhere.path("apiKey").asText()));
        assertThat(spoofed.status()).as(spoofed.body()).isEqualTo(403);
        assertThat(spoofed.json().path("code").asText()).isEqualTo("IP_NOT_ALLOWED");

        Response canceled = API.signed("DELETE", "/api/v1/orders/" + orderId, "", null, apiKey, secret);
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().path("status").asText()).isEqualTo("CANCELED");

        assertThat(API.send("DELETE", "/api/v1/api-keys/" + key.path("keyId").asText(), token, null).status())
                .isEqualTo(200);
        Response locked = API.signed("GET", "/api/v1/orders/" + orderId, "", null, apiKey, secret);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.json().path("code").asText()).isEqualTo("INVALID_API_KEY");
    }
}
