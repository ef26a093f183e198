package org.exchange.command.order;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.command.TestMarkets;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Binance bot's writes on the real stack: orders placed, canceled one by one and all at once with
 * Binance's signed form requests, answered in Binance's shapes and codes, and the very orders the
 * native API and the event store know.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BinanceOrdersIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);

    private static String adminToken;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate database;
    private ApiClient api;
    private String traderToken;
    private String accountId;
    private String apiKey;
    private String secret;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> "it.command." + UUID.randomUUID());
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "command"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void admin() {
        String admin = KEYCLOAK.createUser("it-admin", "admin");
        adminToken = KEYCLOAK.token(admin, admin);
    }

    @BeforeEach
    void tradingBot() {
        api = new ApiClient("http://127.0.0.1:" + port);
        TestMarkets.openBtcUsdt(api, adminToken);
        String trader = KEYCLOAK.createUser("it-binance", "trader");
        traderToken = KEYCLOAK.token(trader, trader);
        accountId = KEYCLOAK.userId(trader);
        assertThat(api.post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"USDT\",\"amount\":\"10000\"}".formatted(trader)).status()).isEqualTo(201);
        Response key = api.post("/api/v1/api-keys", traderToken, "{\"label\":\"ccxt\",\"permissions\":[\"READ\",\"TRADE\"]}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        apiKey = key.json().path("apiKey").asText();
        secret = key.json().path("secret").asText();
    }

    private Response post(String form) {
        return api.signedForm("POST", "/api/v3/order", form + "&recvWindow=5000", apiKey, secret);
    }

    private Response delete(String path, String query) {
        return api.signed("DELETE", path, query, null, apiKey, secret);
    }

    private static String limitBuy(String clientOrderId, String price) {
        return "symbol=BTCUSDT&side=BUY&newClientOrderId=" + clientOrderId + "&type=LIMIT&quantity=0.01000&price="
                + price + "&timeInForce=GTC";
    }

    private String storedField(String orderId, String field) {
        return database.queryForObject("select convert_from(payload, 'UTF8')::json #>> ?::text[] "
                        + "from domain_event_entry where aggregate_identifier = ? and sequence_number = 0",
                String.class, "{" + field + "}", orderId);
    }

    @Test
    void aLimitOrderIsPlacedAndAnsweredInFullAsCcxtSendsIt() {
        Response placed = post(limitBuy("x-PFX-limit-1", "50000.00") + "&newOrderRespType=FULL");

        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        JsonNode order = placed.json();
        assertThat(order.has("code")).isFalse();
        assertThat(order.path("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(order.path("orderListId").asLong()).isEqualTo(-1);
        assertThat(order.path("clientOrderId").asText()).isEqualTo("x-PFX-limit-1");
        assertThat(order.path("transactTime").isNumber()).isTrue();
        assertThat(order.path("price").asText()).isEqualTo("50000.00000000");
        assertThat(order.path("origQty").asText()).isEqualTo("0.01000000");
        assertThat(order.path("executedQty").asText()).isEqualTo("0.00000000");
        assertThat(order.path("cummulativeQuoteQty").asText()).isEqualTo("0.00000000");
        assertThat(order.path("status").asText()).isEqualTo("NEW");
        assertThat(order.path("timeInForce").asText()).isEqualTo("GTC");
        assertThat(order.path("type").asText()).isEqualTo("LIMIT");
        assertThat(order.path("side").asText()).isEqualTo("BUY");
        assertThat(order.path("selfTradePreventionMode").asText()).isEqualTo("EXPIRE_TAKER");
        assertThat(order.path("fills")).as("nothing traded on arrival").isEmpty();
        // the order is the native one: the same id, the key owner's, with the same terms
        String orderId = order.path("orderId").asText();
        assertThat(storedField(orderId, "accountId")).isEqualTo(accountId);
        assertThat(storedField(orderId, "clientOrderId")).isEqualTo("x-PFX-limit-1");
        assertThat(storedField(orderId, "terms,marketId")).isEqualTo("BTC-USDT");
        Response canceledNatively = api.send("DELETE", "/api/v1/orders/" + orderId, traderToken, null);
        assertThat(canceledNatively.status()).as(canceledNatively.body()).isEqualTo(200);
        assertThat(canceledNatively.json().path("status").asText()).isEqualTo("CANCELED");
    }

    @Test
    void aTakerIsAnsweredWithTheTradesItMadeOnArrival() {
        String maker = KEYCLOAK.createUser("it-binance-maker", "trader");
        String makerToken = KEYCLOAK.token(maker, maker);
        assertThat(api.post("/api/v1/admin/deposits", adminToken,
                "{\"user\":\"%s\",\"asset\":\"BTC\",\"amount\":\"1\"}".formatted(maker)).status()).isEqualTo(201);
        for (String price : List.of("60000.00", "60010.00")) {
            Response ask = api.post("/api/v1/orders", makerToken, """
                    {"market":"BTC-USDT","side":"SELL","type":"LIMIT","timeInForce":"GTC","price":"%s","quantity":"0.00400"}"""
                    .formatted(price));
            assertThat(ask.status()).as(ask.body()).isEqualTo(201);
        }

        String buy = "symbol=BTCUSDT&side=BUY&newClientOrderId=taker-1&type=LIMIT&quantity=0.00600&price=60010.00&timeInForce=GTC";
        Response placed = post(buy + "&newOrderRespType=FULL");

        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        JsonNode order = placed.json();
        assertThat(order.path("status").asText()).isEqualTo("FILLED");
        assertThat(order.path("executedQty").asText()).isEqualTo("0.00600000");
        // 0.004 × 60000.00 + 0.002 × 60010.00; the taker pays 0.2 % of each
        assertThat(order.path("cummulativeQuoteQty").asText()).isEqualTo("360.02000000");
        JsonNode fills = order.path("fills");
        assertThat(fills).hasSize(2);
        assertThat(fills.get(0).path("price").asText()).isEqualTo("60000.00000000");
        assertThat(fills.get(0).path("qty").asText()).isEqualTo("0.00400000");
        assertThat(fills.get(0).path("commission").asText()).isEqualTo("0.48000000");
        assertThat(fills.get(0).path("commissionAsset").asText()).isEqualTo("USDT");
        assertThat(fills.get(1).path("price").asText()).isEqualTo("60010.00000000");
        assertThat(fills.get(1).path("qty").asText()).isEqualTo("0.00200000");
        assertThat(fills.get(1).path("commission").asText()).isEqualTo("0.24004000");
        // the fills are the trades the event store holds for the order, under the same ids
        List<String> recorded = database.queryForList("select convert_from(payload, 'UTF8')::json ->> 'tradeId' "
                        + "from domain_event_entry where payload_type like '%TradeExecutedEvent' "
                        + "and convert_from(payload, 'UTF8')::json ->> 'takerOrderId' = ? order by global_index",
                String.class, order.path("orderId").asText());
        assertThat(recorded).containsExactly(fills.get(0).path("tradeId").asText(), fills.get(1).path("tradeId").asText());

        // a retry of the same placement answers the order as it is now, without claiming to know its fills
        Response repeated = post(buy + "&newOrderRespType=FULL");
        assertThat(repeated.status()).as(repeated.body()).isEqualTo(200);
        assertThat(repeated.json().path("orderId").asText()).isEqualTo(order.path("orderId").asText());
        assertThat(repeated.json().has("fills")).as(repeated.body()).isFalse();
    }

    @Test
    void theAnswerTypeDefaultsAsBinancesAndAckIsShort() {
        Response ack = post(limitBuy("ack-1", "50000.00") + "&newOrderRespType=ACK");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        List<String> fields = new ArrayList<>();
        ack.json().fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("symbol", "orderId", "orderListId", "clientOrderId", "transactTime");

        Response byDefault = post(limitBuy("full-1", "50000.00"));
        assertThat(byDefault.json().has("fills")).as(byDefault.body()).isTrue();

        Response maker = post("symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.01000&price=50000.00");
        assertThat(maker.status()).as(maker.body()).isEqualTo(200);
        assertThat(maker.json().has("status")).isFalse();
        assertThat(maker.json().path("clientOrderId").asText()).isNotEmpty();
    }

    @Test
    void anOrderIsCanceledByItsIdOrByItsClientOrderIdButOnlyUnderItsSymbol() {
        String first = post(limitBuy("cancel-1", "40000.00")).json().path("orderId").asText();
        post(limitBuy("cancel-2", "40000.00"));

        Response wrongSymbol = delete("/api/v3/order", "symbol=ETHUSDT&orderId=" + first);
        assertThat(wrongSymbol.status()).isEqualTo(400);
        Response byId = delete("/api/v3/order", "symbol=BTCUSDT&orderId=" + first);
        assertThat(byId.status()).as(byId.body()).isEqualTo(200);
        assertThat(byId.json().path("orderId").asText()).isEqualTo(first);
        assertThat(byId.json().path("status").asText()).isEqualTo("CANCELED");
        assertThat(byId.json().path("origClientOrderId").asText()).isEqualTo("cancel-1");
        assertThat(byId.json().path("price").asText()).isEqualTo("40000.00000000");
        assertThat(byId.json().path("executedQty").asText()).isEqualTo("0.00000000");

        Response byClientId = delete("/api/v3/order", "symbol=BTCUSDT&origClientOrderId=cancel-2");
        assertThat(byClientId.status()).as(byClientId.body()).isEqualTo(200);
        assertThat(byClientId.json().path("status").asText()).isEqualTo("CANCELED");

        assertBinance(delete("/api/v3/order", "symbol=BTCUSDT&orderId=" + first), -2011);
        assertBinance(delete("/api/v3/order", "symbol=BTCUSDT&orderId=" + UUID.randomUUID()), -2013);
        assertBinance(delete("/api/v3/order", "symbol=BTCUSDT&origClientOrderId=never-sent"), -2013);
        assertBinance(delete("/api/v3/order", "symbol=BTCUSDT"), -1102);
    }

    @Test
    void allOpenOrdersOfASymbolAreCanceled() {
        String first = post(limitBuy("all-1", "41000.00")).json().path("orderId").asText();
        String second = post(limitBuy("all-2", "42000.00")).json().path("orderId").asText();

        Response canceled = delete("/api/v3/openOrders", "symbol=BTCUSDT");

        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        canceled.json().forEach(order -> {
            assertThat(order.path("status").asText()).isEqualTo("CANCELED");
            assertThat(order.path("symbol").asText()).isEqualTo("BTCUSDT");
            ids.add(order.path("orderId").asText());
        });
        assertThat(ids).containsExactlyInAnyOrder(first, second);
        // the book holds none of them any more, whichever API asks
        Response nativeCancelAll = api.send("DELETE", "/api/v1/orders?market=BTC-USDT", traderToken, null);
        assertThat(nativeCancelAll.json().path("canceledOrderIds").size()).as(nativeCancelAll.body()).isZero();
        assertThat(delete("/api/v3/openOrders", "symbol=BTCUSDT").json().size()).isZero();
    }

    @Test
    void refusalsCarryBinancesCodes() {
        Response poor = post(limitBuy("poor-1", "5000000.00"));
        assertBinance(poor, -2010);
        assertThat(poor.json().path("msg").asText()).isEqualTo("Account has insufficient balance for requested action.");
        assertBinance(post(limitBuy("bad-1", "50000.00").replace("BTCUSDT", "DOGEUSDT")), -1121);
        Response lot = post(limitBuy("lot-1", "50000.00").replace("quantity=0.01000", "quantity=0.000001"));
        assertBinance(lot, -1013);
        assertThat(lot.json().path("msg").asText()).contains("LOT_SIZE");
        Response tick = post(limitBuy("tick-1", "50000.001"));
        assertBinance(tick, -1013);
        assertThat(tick.json().path("msg").asText()).contains("PRICE_FILTER");
        assertBinance(post("symbol=BTCUSDT&type=LIMIT&quantity=0.01000&price=50000.00"), -1102);
        assertBinance(post(limitBuy("type-1", "50000.00").replace("type=LIMIT", "type=TAKE_PROFIT")), -1116);
        assertBinance(post(limitBuy("extra-1", "50000.00") + "&icebergQty=1"), -1104);
        Response forged = api.signedForm("POST", "/api/v3/order", limitBuy("forged-1", "50000.00"), apiKey, "x".repeat(64));
        assertBinance(forged, -1022);
    }

    private static void assertBinance(Response response, int code) {
        assertThat(response.status()).as(response.body()).isBetween(400, 499);
        assertThat(response.json().path("code").asInt()).as(response.body()).isEqualTo(code);
        assertThat(response.json().path("msg").isTextual()).isTrue();
    }
}
