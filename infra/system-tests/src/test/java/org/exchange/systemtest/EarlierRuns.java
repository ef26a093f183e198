package org.exchange.systemtest;

import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system tests trade on the stack's real, long-lived markets. An earlier run that stopped half
 * way (a failure, a kill) can leave orders of its traders resting there, and those would trade with
 * this run's traders, whose checks assume they trade only with each other. Before trading, every
 * system-test user ({@code sys-…}, password = user name) left over from an earlier run has its orders
 * canceled in every demo market and is then deleted, so the next sweep does not visit it again. A user
 * of a run still going on this machine (its creator's pid is in its name and alive) is left alone:
 * two runs on one stack must not delete each other's traders.
 */
final class EarlierRuns {

    static final String USER_PREFIX = "sys-";
    static final List<String> DEMO_MARKETS = List.of("BTC-USDT", "ETH-USDT", "ETH-BTC");

    private EarlierRuns() {
    }

    static void cancelTheirOrders(ApiClient api, Keycloak admin, Keycloak gatewayTokens) {
        List<String> leftovers = admin.leftoversStartingWith(USER_PREFIX);
        for (String user : leftovers) {
            String token = gatewayTokens.token(user, user);
            for (String market : DEMO_MARKETS) {
                Response canceled = api.send("DELETE", "/api/v1/orders?market=" + market, token, null);
                assertThat(canceled.status()).as(user + " cancel all in " + market + ": " + canceled.body())
                        .isEqualTo(200);
            }
            admin.deleteUser(user);
        }
        if (!leftovers.isEmpty()) {
            System.out.println("system tests: canceled the orders of " + leftovers.size()
                    + " users of earlier runs and deleted them");
        }
    }
}
