package org.exchange.command;

import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin, a buyer and a seller (real Keycloak users, by user name) with their tokens, trading on
 * {@link TestMarkets BTC-USDT} through the command side's REST API.
 */
public record TestTraders(String buyer, String seller, String adminToken, String buyerToken, String sellerToken) {

    public static TestTraders create(Keycloak keycloak) {
        String admin = keycloak.createUser("it-admin", "admin");
        String buyer = keycloak.createUser("it-buyer", "trader");
        String seller = keycloak.createUser("it-seller", "trader");
        return new TestTraders(buyer, seller, keycloak.token(admin, admin), keycloak.token(buyer, buyer),
                keycloak.token(seller, seller));
    }

    /** An admin's deposit for a user; asserts it was credited and answers the deposit (its {@code accountId}). */
    public Response deposit(ApiClient api, String user, String asset, String amount) {
        Response funded = api.post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"%s\",\"amount\":\"%s\"}".formatted(user, asset, amount));
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);
        return funded;
    }

    /** A GTC limit order on BTC-USDT, as the trader whose token it is; the answer, whatever it is. */
    public static Response placeLimit(ApiClient api, String token, String side, String price, String quantity,
                                      String clientOrderId) {
        return api.post("/api/v1/orders", token, """
                {"market":"BTC-USDT","side":"%s","type":"LIMIT","timeInForce":"GTC","price":"%s",
                 "quantity":"%s","clientOrderId":"%s"}""".formatted(side, price, quantity, clientOrderId));
    }
}
