package org.exchange.command.access;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.command.CommandSideApplication;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits on the real stack, with two replicas of the command side sharing one access store:
 * an account's, an API key's and an address's buckets run dry across both replicas, the answer
 * says how much is left, and an empty bucket answers {@code 429 RATE_LIMITED} with Retry-After.
 */
class RateLimitsIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final int ACCOUNT_BURST = 5;
    private static final int KEY_BURST = 3;
    private static final int ADDRESS_BURST = 8;

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static ApiClient replicaA;
    private static ApiClient replicaB;

    @BeforeAll
    static void twoReplicas() {
        Map<String, String> properties = new LinkedHashMap<>(
                COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "command")));
        properties.put("axon.kafka.default-topic", "it.command." + UUID.randomUUID());
        properties.put("server.port", "0");
        properties.put("exchange.access.limits.account.capacity", Integer.toString(ACCOUNT_BURST));
        properties.put("exchange.access.limits.account.refill-per-second", "1");
        properties.put("exchange.access.limits.api-key.capacity", Integer.toString(KEY_BURST));
        properties.put("exchange.access.limits.api-key.refill-per-second", "1");
        properties.put("exchange.access.limits.ip.capacity", Integer.toString(ADDRESS_BURST));
        properties.put("exchange.access.limits.ip.refill-per-second", "1");
        // command-line arguments: they outrank application.yml (SpringApplicationBuilder.properties does not)
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        first = new SpringApplicationBuilder(CommandSideApplication.class).run(arguments);
        second = new SpringApplicationBuilder(CommandSideApplication.class).run(arguments);
        replicaA = client(first);
        replicaB = client(second);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    private static Map<String, String> from(String address, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Real-IP", address);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    @Test
    void anAccountsBucketIsSharedByEveryReplica() throws InterruptedException {
        String trader = KEYCLOAK.createUser("it-limited", "trader");
        String token = KEYCLOAK.token(trader, trader);
        List<String> remaining = new ArrayList<>();

        for (int i = 0; i < ACCOUNT_BURST; i++) {
            ApiClient replica = i % 2 == 0 ? replicaA : replicaB;
            Response listed = replica.request("GET", "/api/v1/api-keys", null, from("192.0.2.10", token));
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(ACCOUNT_BURST));
            remaining.add(listed.header("X-RateLimit-Remaining"));
        }
        assertThat(remaining).containsExactly("4", "3", "2", "1", "0");

        Response refused = replicaB.request("GET", "/api/v1/api-keys", null, from("192.0.2.11", token));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(refused.header("Retry-After")).isEqualTo("1");

        Thread.sleep(1_100);
        Response afterWaiting = replicaA.request("GET", "/api/v1/api-keys", null, from("192.0.2.12", token));
        assertThat(afterWaiting.status()).as(afterWaiting.body()).isEqualTo(200);
    }

    @Test
    void anApiKeysBucketRunsDryBeforeItsOwnersAccount() {
        String trader = KEYCLOAK.createUser("it-keyed", "trader");
        String token = KEYCLOAK.token(trader, trader);
        Response created = replicaA.request("POST", "/api/v1/api-keys",
                "{\"label\":\"bot\",\"permissions\":[\"TRADE\"]}", from("192.0.2.20", token));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode key = created.json();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i <= KEY_BURST; i++) {
            ApiClient replica = i % 2 == 0 ? replicaB : replicaA;
            statuses.add(replica.signed("DELETE", "/api/v1/orders", "market=NO-SUCH", null,
                    key.path("apiKey").asText(), key.path("secret").asText()).status());
        }

        // the unknown market answers 404, until the key's three requests are spent
        assertThat(statuses).containsExactly(404, 404, 404, 429);
        Response byToken = replicaA.request("GET", "/api/v1/api-keys", null, from("192.0.2.21", token));
        assertThat(byToken.status()).as("the account still has requests left").isEqualTo(200);
    }

    @Test
    void anAddressIsLimitedEvenWithoutAToken() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i <= ADDRESS_BURST; i++) {
            ApiClient replica = i % 2 == 0 ? replicaA : replicaB;
            statuses.add(replica.request("POST", "/api/v1/orders", "{}", from("198.51.100.7", null)).status());
        }
        Response otherAddress = replicaA.request("POST", "/api/v1/orders", "{}", from("198.51.100.8", null));

        assertThat(statuses.subList(0, ADDRESS_BURST)).containsOnly(401);
        assertThat(statuses.getLast()).isEqualTo(429);
        assertThat(otherAddress.status()).isEqualTo(401);
    }
}
