package org.exchange.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchange.systemtest.RunningStack.ADMIN;
import static org.exchange.systemtest.RunningStack.API;
import static org.exchange.systemtest.RunningStack.GATEWAY_TOKENS;
import static org.awaitility.Awaitility.await;

/**
 * Who may call what, through the gateway with real Keycloak tokens (docs/identity.md). Every endpoint
 * of the command side, the query side and the projections service (replays) is called by an anonymous
 * client and by a user of each role, and answers exactly the status (and for a refusal the problem {@code code}) of {@link #MATRIX}. A
 * second check holds the matrix to the services' own OpenAPI descriptions, so an endpoint without a
 * row fails the build. Then: tokens that are not ours (garbage, tampered, another realm, another
 * audience, an ID or refresh token, expired) are 401 everywhere, and one trader's order looks to
 * another trader exactly like an order that does not exist.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorisationMatrixSystemIT {

    private static final String COMMAND_SIDE = System.getenv().getOrDefault("EXCHANGE_COMMAND_URL", "http://127.0.0.1:8081");
    private static final String QUERY_SIDE = System.getenv().getOrDefault("EXCHANGE_QUERY_URL", "http://127.0.0.1:8082");
    private static final String PROJECTIONS = System.getenv().getOrDefault("EXCHANGE_PROJECTIONS_URL", "http://127.0.0.1:8083");
    /** A replay id no replay has: the auditor's access shows as the domain's 404, and nothing is rebuilt. */
    private static final String NO_REPLAY = "00000000-0000-0000-0000-000000000000";
    /** Users of the other roles; not {@code sys-}: the sweep of earlier runs cancels orders as each of those. */
    private static final String USER_PREFIX = "authz-";
    private static final String NO_AUDIENCE_CLIENT = "authz-matrix-no-audience";
    private static final String SHORT_LIVED_CLIENT = "authz-matrix-short-lived";
    private static final String MARKET = "BTC-USDT";

    enum Role { ANONYMOUS, TRADER, AUDITOR, ANALYST, ADMIN }

    /** What a call answers: a status and, for a refusal, the problem's {@code code} ({@code null} otherwise). */
    record Answer(int status, String code) {
        static Answer ok(int status) {
            return new Answer(status, null);
        }

        static Answer problem(int status, String code) {
            return new Answer(status, code);
        }

        @Override
        public String toString() {
            return code == null ? String.valueOf(status) : status + " " + code;
        }
    }

    private static final Answer UNAUTHENTICATED = Answer.problem(401, "UNAUTHENTICATED");
    private static final Answer FORBIDDEN = Answer.problem(403, "FORBIDDEN");
    /** Binance's refusals carry a negative number as {@code code} ({@code {"code":-1002,"msg":…}}). */
    private static final Answer BINANCE_UNAUTHENTICATED = Answer.problem(401, "-1002");
    private static final Answer BINANCE_REJECTED = Answer.problem(401, "-2015");

    /**
     * One endpoint and what each caller gets. {@code path} is the OpenAPI path template (matched against
     * the services' descriptions), {@code query} and {@code body} may use the same {@code {placeholders}},
     * filled from the run's fixture ({@link #fill}) unless the row names its own value.
     */
    record Endpoint(String method, String path, String query, String body, Map<String, String> values,
                    Map<Role, Answer> answers) {

        String operation() {
            return method + " " + path;
        }
    }

    /** Builds a row: {@code get("/path").only(TRADER, ok(200))}. */
    record Row(String method, String path, String query, String body, Map<String, String> values) {

        Row query(String query) {
            return new Row(method, path, query, body, values);
        }

        Row body(String body) {
            return new Row(method, path, query, body, values);
        }

        /** A value of this row's own for a placeholder (e.g. a market that does not exist). */
        Row with(String placeholder, String value) {
            Map<String, String> own = new LinkedHashMap<>(values);
            own.put(placeholder, value);
            return new Row(method, path, query, body, own);
        }

        /** Anyone, with or without a token. */
        Endpoint everyone(Answer answer) {
            Map<Role, Answer> answers = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                answers.put(role, answer);
            }
            return new Endpoint(method, path, query, body, values, answers);
        }

        /**
         * Binance-compatible ({@code /api/v3}): one role; the others get Binance's {@code -2015} (a key
         * without the permission), no token {@code -1002}; both with Binance's status, 401.
         */
        Endpoint onlyBinance(Role allowed, Answer answer) {
            Map<Role, Answer> answers = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                answers.put(role, role == allowed ? answer : role == Role.ANONYMOUS ? BINANCE_UNAUTHENTICATED : BINANCE_REJECTED);
            }
            return new Endpoint(method, path, query, body, values, answers);
        }

        /** One role; other roles are forbidden, no token is unauthenticated. */
        Endpoint only(Role allowed, Answer answer) {
            Map<Role, Answer> answers = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                answers.put(role, role == allowed ? answer : role == Role.ANONYMOUS ? UNAUTHENTICATED : FORBIDDEN);
            }
            return new Endpoint(method, path, query, body, values, answers);
        }
    }

    private static Row get(String path) {
        return new Row("GET", path, null, null, Map.of());
    }

    private static Row post(String path) {
        return new Row("POST", path, null, null, Map.of());
    }

    private static Row delete(String path) {
        return new Row("DELETE", path, null, null, Map.of());
    }

    private static final String SELL_FAR_ABOVE = """
            {"market":"{market}","side":"SELL","type":"LIMIT","timeInForce":"GTC","price":"999999.00","quantity":"0.00010"}""";
    /** The same order as Binance's parameters (a login token may send them in the query string). */
    private static final String BINANCE_SELL_FAR_ABOVE =
            "symbol={symbol}&side=SELL&type=LIMIT&timeInForce=GTC&price=999999.00&quantity=0.00010";
    private static final String ANALYST_SEARCH = """
            {"index":"trades","size":0,"query":{"term":{"market":"{market}"}}}""";

    /**
     * Every endpoint × role. One line per endpoint; {@code {market}} is BTC-USDT, {@code {orderId}} an
     * open order of the trader, {@code {trader}} the trader's user name, {@code {accountId}} their account,
     * {@code {marketSpec}} BTC-USDT's own rules (opening it again with them is an accepted retry). Admin
     * actions that would change what other tests see (halting a live market) show the admin's access by
     * the domain's answer on a market where it changes nothing.
     */
    static final List<Endpoint> MATRIX = List.of(
            // public market data: no token needed
            get("/api/v1/markets").everyone(Answer.ok(200)),
            get("/api/v1/markets/{market}").everyone(Answer.ok(200)),
            get("/api/v1/markets/{market}/depth").everyone(Answer.ok(200)),
            get("/api/v1/markets/{market}/trades").everyone(Answer.ok(200)),
            get("/api/v1/markets/{market}/ticker").everyone(Answer.ok(200)),
            get("/api/v1/markets/{market}/candles").query("interval=1m").everyone(Answer.ok(200)),
            // the Binance-compatible API: public market data for everyone, a trader's account and orders
            // (with a login token here; with an API key in CcxtSystemIT and ApiKeyBotSystemIT)
            get("/api/v3/ping").everyone(Answer.ok(200)),
            get("/api/v3/time").everyone(Answer.ok(200)),
            get("/api/v3/exchangeInfo").everyone(Answer.ok(200)),
            get("/api/v3/depth").query("symbol={symbol}").everyone(Answer.ok(200)),
            get("/api/v3/trades").query("symbol={symbol}").everyone(Answer.ok(200)),
            get("/api/v3/aggTrades").query("symbol={symbol}").everyone(Answer.ok(200)),
            get("/api/v3/klines").query("symbol={symbol}&interval=1m").everyone(Answer.ok(200)),
            get("/api/v3/uiKlines").query("symbol={symbol}&interval=1m").everyone(Answer.ok(200)),
            get("/api/v3/avgPrice").query("symbol={symbol}").everyone(Answer.ok(200)),
            get("/api/v3/ticker/24hr").query("symbol={symbol}").everyone(Answer.ok(200)),
            get("/api/v3/ticker/price").query("symbol={symbol}").everyone(Answer.ok(200)),
            get("/api/v3/ticker/bookTicker").query("symbol={symbol}").everyone(Answer.ok(200)),
            get("/api/v3/account").onlyBinance(Role.TRADER, Answer.ok(200)),
            get("/api/v3/order").query("symbol={symbol}&orderId={binanceOrderId}").onlyBinance(Role.TRADER, Answer.ok(200)),
            get("/api/v3/openOrders").query("symbol={symbol}").onlyBinance(Role.TRADER, Answer.ok(200)),
            get("/api/v3/allOrders").query("symbol={symbol}").onlyBinance(Role.TRADER, Answer.ok(200)),
            get("/api/v3/myTrades").query("symbol={symbol}").onlyBinance(Role.TRADER, Answer.ok(200)),
            post("/api/v3/order").query(BINANCE_SELL_FAR_ABOVE).onlyBinance(Role.TRADER, Answer.ok(200)),
            delete("/api/v3/order").query("symbol={symbol}&orderId={binanceOrderId}").onlyBinance(Role.TRADER, Answer.ok(200)),
            // a trader's own orders, trades and money
            get("/api/v1/balances").only(Role.TRADER, Answer.ok(200)),
            get("/api/v1/orders").only(Role.TRADER, Answer.ok(200)),
            get("/api/v1/orders/{orderId}").only(Role.TRADER, Answer.ok(200)),
            get("/api/v1/trades").only(Role.TRADER, Answer.ok(200)),
            get("/api/v1/ledger").only(Role.TRADER, Answer.ok(200)),
            get("/api/v1/deposits").only(Role.TRADER, Answer.ok(200)),
            post("/api/v1/orders").body(SELL_FAR_ABOVE).only(Role.TRADER, Answer.ok(201)),
            delete("/api/v1/orders/{orderId}").only(Role.TRADER, Answer.ok(200)),
            delete("/api/v1/orders").query("market={market}").only(Role.TRADER, Answer.ok(200)),
            // analysts: aggregated, pseudonymous analytics
            get("/api/v1/analytics/volume").query("market={market}&interval=1h").only(Role.ANALYST, Answer.ok(200)),
            get("/api/v1/analytics/fees").only(Role.ANALYST, Answer.ok(200)),
            get("/api/v1/analytics/top-accounts").query("market={market}").only(Role.ANALYST, Answer.ok(200)),
            post("/api/v1/analytics/search").body(ANALYST_SEARCH).only(Role.ANALYST, Answer.ok(200)),
            // auditors: the event store, stories, point-in-time state and who looked (every account's history,
            // so never on a trader's own paths); a trade id that was never issued answers 404 to the auditor
            get("/api/v1/audit/events").query("limit=5").only(Role.AUDITOR, Answer.ok(200)),
            get("/api/v1/audit/events/export").query("aggregateId={orderId}").only(Role.AUDITOR, Answer.ok(200)),
            get("/api/v1/audit/orders/{orderId}/story").only(Role.AUDITOR, Answer.ok(200)),
            get("/api/v1/audit/orders/{orderId}/state").only(Role.AUDITOR, Answer.ok(200)),
            get("/api/v1/audit/trades/{tradeId}/story").with("tradeId", "BTC-USDT-0")
                    .only(Role.AUDITOR, Answer.problem(404, "NOT_FOUND")),
            get("/api/v1/audit/accounts/{accountId}/balances").only(Role.AUDITOR, Answer.ok(200)),
            get("/api/v1/audit/access-log").only(Role.AUDITOR, Answer.ok(200)),
            // admins: markets and funds, never a trader's orders
            post("/api/v1/admin/deposits").body("{\"user\":\"{trader}\",\"asset\":\"USDT\",\"amount\":\"1.00\"}")
                    .only(Role.ADMIN, Answer.ok(201)),
            post("/api/v1/admin/markets").body("{marketSpec}").only(Role.ADMIN, Answer.ok(201)),
            post("/api/v1/admin/markets/{market}/halt").with("market", "DOGE-USDT")
                    .only(Role.ADMIN, Answer.problem(404, "UNKNOWN_MARKET")),
            post("/api/v1/admin/markets/{market}/resume").only(Role.ADMIN, Answer.problem(409, "ALREADY_IN_STATE")),
            // auditors: the verification of the whole event store (streamed; 200 whatever it finds)
            post("/api/v1/audit/verifications").only(Role.AUDITOR, Answer.ok(200)),
            // a trader's own API keys ({keyId} is one of the trader's; revoking it again answers the same)
            get("/api/v1/api-keys").only(Role.TRADER, Answer.ok(200)),
            post("/api/v1/api-keys").body("{\"label\":\"matrix\",\"permissions\":[\"READ\"]}")
                    .only(Role.TRADER, Answer.ok(201)),
            delete("/api/v1/api-keys/{keyId}").only(Role.TRADER, Answer.ok(200)),
            // auditors: replays of projections (projections service). No replay is started here: the
            // auditor's access shows as the domain's refusal of an unknown projection or replay
            get("/api/v1/audit/replays").only(Role.AUDITOR, Answer.ok(200)),
            get("/api/v1/audit/replays/projections").only(Role.AUDITOR, Answer.ok(200)),
            post("/api/v1/audit/replays").body("{\"projection\":\"no-such-projection\"}")
                    .only(Role.AUDITOR, Answer.problem(400, "UNKNOWN_PROJECTION")),
            get("/api/v1/audit/replays/{replayId}").with("replayId", NO_REPLAY)
                    .only(Role.AUDITOR, Answer.problem(404, "REPLAY_NOT_FOUND")),
            post("/api/v1/audit/replays/{replayId}/stop").with("replayId", NO_REPLAY)
                    .only(Role.AUDITOR, Answer.problem(404, "REPLAY_NOT_FOUND")),
            post("/api/v1/audit/replays/{replayId}/resume").with("replayId", NO_REPLAY)
                    .only(Role.AUDITOR, Answer.problem(404, "REPLAY_NOT_FOUND")),
            // last: it cancels every open order of the trader in the market (the fixture's too)
            delete("/api/v3/openOrders").query("symbol={symbol}").onlyBinance(Role.TRADER, Answer.ok(200))
    );

    private static Trader trader;
    private static Trader otherTrader;
    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
    private static final Map<String, String> FIXTURE = new LinkedHashMap<>();
    private static final List<String> CREATED_USERS = new ArrayList<>();
    /** A trader's token from a client whose tokens live 2 s, taken at the start (its expiry is checked last). */
    private static String shortLivedToken;
    private static Instant shortLivedExpiry;
    private static Answer shortLivedFirstAnswer;

    @BeforeAll
    static void usersOfEveryRole() {
        ADMIN.leftoversStartingWith(USER_PREFIX).forEach(ADMIN::deleteUser);
        trader = Trader.create(API, ADMIN, GATEWAY_TOKENS, "sys-authz");
        otherTrader = Trader.create(API, ADMIN, GATEWAY_TOKENS, "sys-authz-other");
        String root = GATEWAY_TOKENS.token("root", "root");
        trader.fund(root, "BTC", "0.01");
        otherTrader.fund(root, "BTC", "0.01");
        TOKENS.put(Role.TRADER, GATEWAY_TOKENS.token(trader.name, trader.name));
        for (Role role : List.of(Role.AUDITOR, Role.ANALYST, Role.ADMIN)) {
            String name = ADMIN.createUser(USER_PREFIX + role.name().toLowerCase(), role.name().toLowerCase());
            CREATED_USERS.add(name);
            TOKENS.put(role, GATEWAY_TOKENS.token(name, name));
        }
        FIXTURE.put("market", MARKET);
        FIXTURE.put("trader", trader.name);
        FIXTURE.put("symbol", "BTCUSDT");
        FIXTURE.put("accountId", trader.accountId);
        FIXTURE.put("orderId", trader.accepted(trader.place(fill(SELL_FAR_ABOVE, Map.of()))));
        FIXTURE.put("binanceOrderId", trader.accepted(trader.place(fill(SELL_FAR_ABOVE, Map.of()))));
        FIXTURE.put("marketSpec", marketSpec(API.get("/api/v1/markets/" + MARKET, null).json()));
        FIXTURE.put("keyId", API.post("/api/v1/api-keys", TOKENS.get(Role.TRADER),
                "{\"label\":\"matrix fixture\",\"permissions\":[\"READ\"]}").json().path("keyId").asText());

        ADMIN.deleteClient(NO_AUDIENCE_CLIENT);
        ADMIN.deleteClient(SHORT_LIVED_CLIENT);
        ADMIN.createClient(scriptClient(NO_AUDIENCE_CLIENT, false, null));
        ADMIN.createClient(scriptClient(SHORT_LIVED_CLIENT, true, 2));
        JsonNode shortLived = passwordGrant(SHORT_LIVED_CLIENT, trader.name, null);
        shortLivedToken = shortLived.path("access_token").asText();
        shortLivedExpiry = Instant.now().plusSeconds(shortLived.path("expires_in").asLong());
        shortLivedFirstAnswer = answerOf(API.get("/api/v1/balances", shortLivedToken));
    }

    @AfterAll
    static void removeWhatTheRunCreated() {
        trader.cancelAll(MARKET);
        otherTrader.cancelAll(MARKET);
        CREATED_USERS.forEach(ADMIN::deleteUser);
        ADMIN.deleteClient(NO_AUDIENCE_CLIENT);
        ADMIN.deleteClient(SHORT_LIVED_CLIENT);
    }

    @Test
    @Order(1)
    void everyEndpointAnswersEachRoleExactlyAsTheMatrixSays() {
        List<String> mismatches = new ArrayList<>();
        for (Endpoint endpoint : MATRIX) {
            for (Role role : Role.values()) {
                Response response = call(endpoint, TOKENS.get(role));
                Answer expected = endpoint.answers().get(role);
                Answer actual = answerOf(response);
                if (!expected.equals(actual)) {
                    mismatches.add("%-55s %-9s expected %-22s got %s: %s".formatted(endpoint.operation(), role,
                            expected, actual, response.body()));
                }
            }
        }
        assertThat(mismatches).as("endpoint × role answers that differ from the matrix").isEmpty();
    }

    @Test
    @Order(2)
    void everyEndpointHasARow() {
        Set<String> described = new TreeSet<>();
        described.addAll(operations(COMMAND_SIDE));
        described.addAll(operations(QUERY_SIDE));
        described.addAll(operations(PROJECTIONS));
        // not rows of this matrix: the servlet error page (every method, never routed by the gateway),
        // and the Binance-compatible API's catch-all for the paths it does not offer ({code:-1020})
        described.removeIf(operation -> operation.endsWith(" /error") || operation.endsWith(" /api/v3/**"));
        Set<String> covered = new TreeSet<>();
        MATRIX.forEach(endpoint -> covered.add(endpoint.operation()));

        assertThat(covered).as("the matrix's rows against the services' OpenAPI descriptions").isEqualTo(described);
    }

    @Test
    @Order(3)
    void tokensThatAreNotOurAccessTokensAreUnauthenticatedEvenOnPublicPaths() {
        String valid = TOKENS.get(Role.TRADER);
        JsonNode withIdToken = passwordGrant("exchange-cli", trader.name, "openid");
        Map<String, String> notOurs = new LinkedHashMap<>();
        notOurs.put("not a JWT", "not-a-token");
        notOurs.put("a trader's token with its payload altered", tampered(valid));
        notOurs.put("a token of another realm (master)", ADMIN.masterRealmToken());
        notOurs.put("a token for another audience", passwordGrant(NO_AUDIENCE_CLIENT, trader.name, null)
                .path("access_token").asText());
        notOurs.put("an ID token", withIdToken.path("id_token").asText());
        notOurs.put("a refresh token", withIdToken.path("refresh_token").asText());
        assertThat(notOurs.values()).allSatisfy(token -> assertThat(token).isNotBlank());

        assertThat(answerOf(API.get("/api/v1/balances", valid))).as("the untouched token").isEqualTo(Answer.ok(200));
        for (Map.Entry<String, String> token : notOurs.entrySet()) {
            for (String path : List.of("/api/v1/balances", "/api/v1/markets", "/api/v1/analytics/fees")) {
                assertThat(answerOf(API.get(path, token.getValue()))).as(token.getKey() + " on GET " + path)
                        .isEqualTo(UNAUTHENTICATED);
            }
            assertThat(answerOf(API.post("/api/v1/orders", token.getValue(), fill(SELL_FAR_ABOVE, Map.of()))))
                    .as(token.getKey() + " on POST /api/v1/orders").isEqualTo(UNAUTHENTICATED);
        }
    }

    @Test
    @Order(4)
    void anotherTradersOrderIsAnsweredExactlyLikeAnOrderThatDoesNotExist() {
        String open = trader.accepted(trader.place(fill(SELL_FAR_ABOVE, Map.of())));
        String closed = trader.accepted(trader.place(fill(SELL_FAR_ABOVE, Map.of())));
        assertThat(trader.cancel(closed).status()).isEqualTo(200);
        trader.awaitOrder(closed, "CANCELED");

        for (String theirs : List.of(open, closed)) {
            String unknown = UUID.randomUUID().toString();
            Timed readTheirs = timed(() -> otherTrader.order(theirs));
            Timed readUnknown = timed(() -> otherTrader.order(unknown));
            Response cancelTheirs = otherTrader.cancel(theirs);
            Response cancelUnknown = otherTrader.cancel(unknown);

            assertThat(answerOf(readTheirs.response())).isEqualTo(Answer.problem(404, "ORDER_NOT_FOUND"));
            assertThat(withoutId(readTheirs.response(), theirs)).isEqualTo(withoutId(readUnknown.response(), unknown));
            // an unknown id is awaited for a moment (read-your-writes): another trader's waits as long
            assertThat(readTheirs.took()).isGreaterThan(Duration.ofSeconds(1));
            assertThat(readUnknown.took()).isGreaterThan(Duration.ofSeconds(1));
            assertThat(answerOf(cancelTheirs)).isEqualTo(Answer.problem(404, "ORDER_NOT_FOUND"));
            assertThat(withoutId(cancelTheirs, theirs)).isEqualTo(withoutId(cancelUnknown, unknown));
        }
        JsonNode stillOpen = trader.order(open).json();
        assertThat(stillOpen.path("status").asText()).isEqualTo("NEW");
        assertThat(stillOpen.path("cancelRequested").asBoolean()).isFalse();
        assertThat(otherTrader.orders(MARKET)).extracting(order -> order.path("orderId").asText())
                .doesNotContain(open, closed, FIXTURE.get("orderId"));
    }

    @Test
    @Order(5)
    void anotherTradersApiKeyIsAnsweredExactlyLikeAKeyThatDoesNotExist() {
        String token = TOKENS.get(Role.TRADER);
        String mine = API.post("/api/v1/api-keys", token, "{\"label\":\"not yours\",\"permissions\":[\"READ\"]}")
                .json().path("keyId").asText();
        String otherToken = GATEWAY_TOKENS.token(otherTrader.name, otherTrader.name);
        String unknown = UUID.randomUUID().toString();

        Response revokeTheirs = API.send("DELETE", "/api/v1/api-keys/" + mine, otherToken, null);
        Response revokeUnknown = API.send("DELETE", "/api/v1/api-keys/" + unknown, otherToken, null);

        assertThat(answerOf(revokeTheirs)).isEqualTo(Answer.problem(404, "API_KEY_NOT_FOUND"));
        assertThat(withoutId(revokeTheirs, mine)).isEqualTo(withoutId(revokeUnknown, unknown));
        assertThat(API.get("/api/v1/api-keys", otherToken).body()).doesNotContain(mine);
        JsonNode stillMine = API.get("/api/v1/api-keys", token).json().path("apiKeys");
        assertThat(stillMine.findValuesAsText("keyId")).contains(mine);
        for (JsonNode key : stillMine) {
            if (key.path("keyId").asText().equals(mine)) {
                assertThat(key.path("active").asBoolean()).isTrue();
            }
        }
    }

    @Test
    @Order(6)
    void aClientOrderIdIsTheCallersOwnSoAnotherTraderReusingItPlacesANewOrder() {
        String body = fill(SELL_FAR_ABOVE, Map.of()).replace("}", ",\"clientOrderId\":\"authz-1\"}");
        Response mine = trader.place(body);
        Response theirs = otherTrader.place(body);

        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        assertThat(theirs.json().path("duplicate").asBoolean()).isFalse();
        assertThat(theirs.json().path("orderId").asText()).isNotEqualTo(mine.json().path("orderId").asText());
    }

    @Test
    @Order(7)
    void anExpiredTokenIsUnauthenticated() throws InterruptedException {
        // the same token was accepted right after it was issued, so what refuses it below is time only
        assertThat(shortLivedFirstAnswer).isEqualTo(Answer.ok(200));
        // it lived 2 s; every service allows 60 s of clock skew (Spring's default) on top
        Duration untilRefused = Duration.between(Instant.now(), shortLivedExpiry.plusSeconds(62));
        if (untilRefused.isPositive()) {
            Thread.sleep(untilRefused);
        }
        assertThat(answerOf(API.get("/api/v1/balances", shortLivedToken))).isEqualTo(UNAUTHENTICATED);
        assertThat(answerOf(API.get("/api/v1/markets", shortLivedToken))).isEqualTo(UNAUTHENTICATED);
    }

    private record Timed(Response response, Duration took) {
    }

    private static Timed timed(java.util.function.Supplier<Response> call) {
        long start = System.nanoTime();
        Response response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The answer with the id written as {@code {id}}: two answers equal this way differ only in the id asked. */
    private static String withoutId(Response response, String id) {
        return response.status() + " " + response.contentType() + " " + response.body().replace(id, "{id}");
    }

    private static Response call(Endpoint endpoint, String token) {
        String target = fill(endpoint.path(), endpoint.values())
                + (endpoint.query() == null ? "" : "?" + fill(endpoint.query(), endpoint.values()));
        String body = endpoint.body() == null ? null : fill(endpoint.body(), endpoint.values());
        return API.send(endpoint.method(), target, token, body);
    }

    private static String fill(String template, Map<String, String> own) {
        String filled = template;
        for (Map.Entry<String, String> value : FIXTURE.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", own.getOrDefault(value.getKey(), value.getValue()));
        }
        for (Map.Entry<String, String> value : own.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", value.getValue());
        }
        return filled;
    }

    private static Answer answerOf(Response response) {
        if (response.status() >= 400 && response.contentType().startsWith("application/json")
                && response.json().path("code").isInt()) {
            // a Binance-compatible refusal, {"code":-2015,"msg":"…"}
            assertThat(response.json().path("msg").isTextual()).as("Binance's refusal shape: " + response.body()).isTrue();
            return Answer.problem(response.status(), response.json().path("code").asText());
        }
        if (response.status() >= 400) {
            assertThat(response.isProblem()).as("a refusal is problem+json: " + response.body()).isTrue();
            return Answer.problem(response.status(), response.json().path("code").asText(null));
        }
        return Answer.ok(response.status());
    }

    /** {@code METHOD /path} of every operation a service describes at {@code /v3/api-docs}. */
    private static Set<String> operations(String service) {
        Response docs = new ApiClient(service).get("/v3/api-docs", null);
        assertThat(docs.status()).as(service + "/v3/api-docs").isEqualTo(200);
        Set<String> operations = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = docs.json().path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey()));
        }
        return operations;
    }

    private static String marketSpec(JsonNode market) {
        return """
                {"base":"%s","quote":"%s","tickSize":"%s","stepSize":"%s","minQuantity":"%s","maxQuantity":"%s",
                 "minNotional":"%s","makerFeeRate":"%s","takerFeeRate":"%s"}""".formatted(
                market.path("baseAsset").asText(), market.path("quoteAsset").asText(), market.path("tickSize").asText(),
                market.path("stepSize").asText(), market.path("minQuantity").asText(),
                market.path("maxQuantity").asText(), market.path("minNotional").asText(),
                market.path("makerFeeRate").asText(), market.path("takerFeeRate").asText());
    }

    /** The payload of a JWT changed by one character: the signature no longer matches. */
    private static String tampered(String jwt) {
        String[] parts = jwt.split("\\.");
        char last = parts[1].charAt(parts[1].length() - 1);
        parts[1] = parts[1].substring(0, parts[1].length() - 1) + (last == 'A' ? 'B' : 'A');
        return String.join(".", parts);
    }

    private static JsonNode passwordGrant(String clientId, String username, String scope) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", clientId,
                "username", username, "password", username));
        if (scope != null) {
            form.put("scope", scope);
        }
        return GATEWAY_TOKENS.tokenResponse(form);
    }

    /**
     * A public client like {@code exchange-cli} (password grant, realm roles in {@code roles}), with or
     * without the {@code exchange-api} audience, and optionally its own access token lifespan.
     */
    private static String scriptClient(String clientId, boolean audience, Integer lifespanSeconds) {
        String audienceMapper = """
                ,{"name":"exchange-api-audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",
                  "config":{"included.client.audience":"exchange-api","access.token.claim":"true","id.token.claim":"false"}}""";
        return """
                {"clientId":"%s","enabled":true,"publicClient":true,"standardFlowEnabled":false,
                 "directAccessGrantsEnabled":true,"fullScopeAllowed":true,"protocol":"openid-connect",
                 "attributes":{%s},
                 "protocolMappers":[{"name":"roles","protocol":"openid-connect","protocolMapper":"oidc-usermodel-realm-role-mapper",
                   "config":{"claim.name":"roles","multivalued":"true","jsonType.label":"String","access.token.claim":"true"}}%s]}"""
                .formatted(clientId, lifespanSeconds == null ? "" : "\"access.token.lifespan\":\"" + lifespanSeconds + "\"",
                        audience ? audienceMapper : "");
    }
}
