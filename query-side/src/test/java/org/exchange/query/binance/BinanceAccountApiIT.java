package org.exchange.query.binance;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.api.account.AccountId;
import org.exchange.api.order.OrderId;
import org.exchange.platform.access.ApiKeys;
import org.exchange.platform.security.Caller;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.query.ReadModelDatabase;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Binance bot's signed reads on the real stack (Keycloak, PostgreSQL read model as the projections
 * create it): account, orders and trades in Binance's shapes, the same as the native API shows
 * with a login token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BinanceAccountApiIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "query");
    private static final SingleConnectionDataSource OWNER = ReadModelDatabase.connected(COMPONENTS, DATABASE);

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123Z");
    private static JdbcClient readModel;

    @LocalServerPort
    int port;
    @Autowired
    ApiKeys apiKeys;
    private String trader;
    private String token;
    private String apiKey;
    private String secret;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void readModel() {
        readModel = ReadModel.migrated(OWNER);
        for (String market : List.of("BTC-USDT", "ETH-USDT")) {
            ReadModel.market(readModel, market, "0.01", "0.00001", "0.00001", "1000", "5", "OPEN");
        }
    }

    @BeforeEach
    void bot() {
        String name = KEYCLOAK.createUser("it-binance", "trader");
        trader = KEYCLOAK.userId(name);
        token = KEYCLOAK.token(name, name);
        ApiKeys.Created key = apiKeys.create(new Caller(trader, name, Set.of("trader"), null), "ccxt",
                List.of("READ"), List.of());
        apiKey = key.key().apiKey();
        secret = key.secret();
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private Response signed(String path, String query) {
        return api().signed("GET", path, query, null, apiKey, secret);
    }

    private JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().has("code")).as(response.body()).isFalse();
        return response.json();
    }

    @Test
    void theAccountShowsTheNativeBalancesAsFreeAndLocked() {
        balance("USDT", "9400.5", "600");
        balance("BTC", "0.01", "0");

        JsonNode account = ok(signed("/api/v3/account", "recvWindow=5000"));
        JsonNode natives = ok(api().get("/api/v1/balances", token)).path("balances");

        assertThat(account.path("accountType").asText()).isEqualTo("SPOT");
        assertThat(account.path("canTrade").asBoolean()).isTrue();
        assertThat(account.path("canWithdraw").asBoolean()).isFalse();
        assertThat(account.path("canDeposit").asBoolean()).isFalse();
        assertThat(account.path("updateTime").isNumber()).isTrue();
        assertThat(account.path("permissions").toString()).isEqualTo("[\"SPOT\"]");
        assertThat(account.path("balances").size()).isEqualTo(natives.size()).isEqualTo(2);
        for (int i = 0; i < natives.size(); i++) {
            JsonNode mine = account.path("balances").get(i);
            assertThat(mine.path("asset").asText()).isEqualTo(natives.get(i).path("asset").asText());
            assertThat(new BigDecimal(mine.path("free").asText()))
                    .isEqualByComparingTo(natives.get(i).path("available").asText());
            assertThat(new BigDecimal(mine.path("locked").asText()))
                    .isEqualByComparingTo(natives.get(i).path("held").asText());
        }
        JsonNode usdt = account.path("balances").get(1);
        assertThat(usdt.path("free").asText()).isEqualTo("9400.50000000");
        assertThat(usdt.path("locked").asText()).isEqualTo("600.00000000");
        assertThat(ok(signed("/api/v3/account", "omitZeroBalances=true")).path("balances").size()).isEqualTo(2);
    }

    @Test
    void anOrderIsFoundByItsIdOrClientOrderIdAsTheNativeApiShowsIt() {
        String order = order("x-PFX-1", "BTC-USDT", "PARTIALLY_FILLED", T0);

        JsonNode byId = ok(signed("/api/v3/order", "symbol=BTCUSDT&orderId=" + order));
        JsonNode byClientId = ok(signed("/api/v3/order", "symbol=BTCUSDT&origClientOrderId=x-PFX-1"));
        JsonNode natively = ok(api().get("/api/v1/orders/" + order, token));

        assertThat(byClientId).isEqualTo(byId);
        assertThat(byId.path("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(byId.path("orderId").asText()).isEqualTo(natively.path("orderId").asText());
        assertThat(byId.path("orderListId").asInt()).isEqualTo(-1);
        assertThat(byId.path("clientOrderId").asText()).isEqualTo("x-PFX-1");
        assertThat(byId.path("price").asText()).isEqualTo("100.00000000");
        assertThat(byId.path("origQty").asText()).isEqualTo("1.00000000");
        assertThat(byId.path("executedQty").asText()).isEqualTo("0.40000000");
        assertThat(new BigDecimal(byId.path("executedQty").asText()))
                .isEqualByComparingTo(natively.path("filledQuantity").asText());
        assertThat(byId.path("cummulativeQuoteQty").asText()).isEqualTo("40.00000000");
        assertThat(byId.path("status").asText()).isEqualTo("PARTIALLY_FILLED");
        assertThat(byId.path("timeInForce").asText()).isEqualTo("GTC");
        assertThat(byId.path("type").asText()).isEqualTo("LIMIT");
        assertThat(byId.path("side").asText()).isEqualTo("BUY");
        assertThat(byId.path("time").asLong()).isEqualTo(T0.toEpochMilli());
        assertThat(byId.path("isWorking").asBoolean()).isTrue();

        assertBinance(signed("/api/v3/order", "symbol=ETHUSDT&orderId=" + order), -2013);
        assertBinance(signed("/api/v3/order", "symbol=BTCUSDT&orderId=" + UUID.randomUUID()), -2013);
        assertBinance(signed("/api/v3/order", "symbol=BTCUSDT&origClientOrderId=x-PFX-2"), -2013);
        assertBinance(signed("/api/v3/order", "symbol=BTCUSDT"), -1102);
        assertBinance(signed("/api/v3/order", "symbol=DOGEUSDT&orderId=" + order), -1121);
    }

    @Test
    void openOrdersAndAllOrdersListOldestFirst() {
        String filled = order("all-1", "BTC-USDT", "FILLED", T0);
        String open = order("all-2", "BTC-USDT", "NEW", T0.plusSeconds(1));
        String other = order("all-3", "ETH-USDT", "PARTIALLY_FILLED", T0.plusSeconds(2));
        String newest = order("all-4", "BTC-USDT", "NEW", T0.plusSeconds(3));

        assertThat(ids(ok(signed("/api/v3/openOrders", "symbol=BTCUSDT")))).containsExactly(open, newest);
        assertThat(ids(ok(signed("/api/v3/openOrders", "")))).containsExactly(open, other, newest);
        assertThat(ids(ok(signed("/api/v3/allOrders", "symbol=BTCUSDT")))).containsExactly(filled, open, newest);
        assertThat(ids(ok(signed("/api/v3/allOrders", "symbol=BTCUSDT&limit=2")))).containsExactly(open, newest);
        assertThat(ids(ok(signed("/api/v3/allOrders", "symbol=BTCUSDT&startTime=" + T0.plusSeconds(1).toEpochMilli()
                + "&endTime=" + T0.plusSeconds(1).toEpochMilli())))).containsExactly(open);
        assertBinance(signed("/api/v3/allOrders", ""), -1102);
    }

    @Test
    void myTradesAreTheNativeTradesFromTheTradersSide() {
        String trade = "BTC-USDT-" + System.nanoTime();
        readModel.sql("""
                        insert into trades (trade_id, market_id, sequence, price, quantity, quote_quantity, buyer_order_id,
                                            buyer_account_id, seller_order_id, seller_account_id, taker_side, buyer_fee,
                                            seller_fee, fee_asset, executed_at)
                        values (?, 'BTC-USDT', 1, 100.00, 0.40000, 40.00000000, 'buy-order', 'someone', 'sell-order', ?,
                                'BUY', 0.04000000, 0.02000000, 'USDT', ?)""")
                .params(trade, trader, OffsetDateTime.ofInstant(T0, ZoneOffset.UTC))
                .update();

        JsonNode mine = ok(signed("/api/v3/myTrades", "symbol=BTCUSDT"));
        JsonNode natively = ok(api().get("/api/v1/trades?market=BTC-USDT", token)).path("trades").get(0);

        assertThat(mine.size()).isEqualTo(1);
        JsonNode only = mine.get(0);
        assertThat(only.path("id").asText()).isEqualTo(trade).isEqualTo(natively.path("tradeId").asText());
        assertThat(only.path("orderId").asText()).isEqualTo("sell-order");
        assertThat(only.path("price").asText()).isEqualTo("100.00000000");
        assertThat(only.path("qty").asText()).isEqualTo("0.40000000");
        assertThat(only.path("quoteQty").asText()).isEqualTo("40.00000000");
        assertThat(only.path("commission").asText()).isEqualTo("0.02000000");
        assertThat(only.path("commissionAsset").asText()).isEqualTo("USDT");
        assertThat(only.path("time").asLong()).isEqualTo(T0.toEpochMilli());
        assertThat(only.path("isBuyer").asBoolean()).isFalse();
        assertThat(only.path("isMaker").asBoolean()).isTrue();
        assertThat(ok(signed("/api/v3/myTrades", "symbol=BTCUSDT&startTime=" + (T0.toEpochMilli() + 1))).size())
                .isZero();
        assertThat(ok(signed("/api/v3/myTrades", "symbol=BTCUSDT&endTime=" + T0.toEpochMilli())).size()).isEqualTo(1);
    }

    @Test
    void unsignedOrForgedReadsAreRefusedInBinancesShape() {
        assertBinance(api().get("/api/v3/account", null), -1002);
        Response forged = api().signed("GET", "/api/v3/account", "", null, apiKey, "x".repeat(64));
        assertBinance(forged, -1022);
    }

    private static List<String> ids(JsonNode orders) {
        List<String> ids = new ArrayList<>();
        orders.forEach(order -> ids.add(order.path("orderId").asText()));
        return ids;
    }

    private static void assertBinance(Response response, int code) {
        assertThat(response.status()).as(response.body()).isBetween(400, 499);
        assertThat(response.json().path("code").asInt()).as(response.body()).isEqualTo(code);
    }

    private void balance(String asset, String available, String held) {
        readModel.sql("insert into balances values (?, ?, ?, ?, 1, now())")
                .params(trader, asset, new BigDecimal(available), new BigDecimal(held))
                .update();
    }

    /** An order of the trader's with the id the command side gives it for the client order id. */
    private String order(String clientOrderId, String market, String status, Instant createdAt) {
        String order = OrderId.forClient(AccountId.of(trader), clientOrderId).value();
        readModel.sql("""
                        insert into orders (order_id, account_id, client_order_id, market_id, side, type, time_in_force,
                                            price, quantity, status, filled_quantity, filled_quote_quantity, fees,
                                            fee_asset, last_sequence, created_at, updated_at)
                        values (?, ?, ?, ?, 'BUY', 'LIMIT', 'GTC', 100.00, 1.00000, ?, 0.40000, 40.00000000, 0.00000001,
                                'USDT', 2, ?, ?)""")
                .params(order, trader, clientOrderId, market, status,
                        OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC), OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update();
        return order;
    }
}
