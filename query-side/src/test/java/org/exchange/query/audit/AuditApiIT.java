package org.exchange.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.AccountOpenedEvent;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.api.trade.TradeId;
import org.exchange.api.trade.TradeSettledEvent;
import org.exchange.platform.axon.CallerMetadata;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.ApiClient.Response;
import org.exchange.testsupport.Keycloak;
import org.exchange.query.ReadModelDatabase;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' API against a real PostgreSQL event store written by Axon's storage engine in the
 * stored JSON format: one deposit each, a buy and a sell placed, reserved and accepted, then the sell
 * taking 0.3 BTC from the buy and both sides settled, with caller and correlation metadata as the
 * command side writes them. Real Keycloak tokens; exports read the cursor 7 rows at a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "exchange.audit.export-fetch-size=7"})
class AuditApiIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final Keycloak KEYCLOAK = new Keycloak(COMPONENTS);
    private static final String DATABASE = ThrowawayDatabase.create(COMPONENTS, "query_audit");
    private static final SingleConnectionDataSource OWNER = ReadModelDatabase.connected(COMPONENTS, DATABASE);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MarketId BTC_USDT = MarketId.of("BTC-USDT");
    private static final Asset BTC = Asset.of("BTC");
    private static final Asset USDT = Asset.of("USDT");
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00.250Z");
    /** After both orders rest in the book, before the trade. */
    private static final Instant BEFORE_TRADE = T0.plusSeconds(30);
    private static final int EXTRA_DEPOSITS = 25;

    private static final AccountId BUYER = AccountId.of("buyer-" + UUID.randomUUID());
    private static final AccountId SELLER = AccountId.of("seller-" + UUID.randomUUID());
    private static final AccountId FEES = AccountId.of("fees:BTC-USDT");
    private static final OrderId BUY = OrderId.random();
    private static final OrderId SELL = OrderId.random();
    private static final TradeId TRADE = TradeId.of(BTC_USDT, 7);
    private static final String BUY_TRACE = UUID.randomUUID().toString();
    private static final String SELL_TRACE = UUID.randomUUID().toString();

    private static String auditorToken;
    private static String auditorId;
    private static String traderToken;
    private static String traderId;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        COMPONENTS.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void eventStoreAndUsers() {
        EventStoreWriter store = new EventStoreWriter(OWNER);
        Map<String, String> root = Map.of(CallerMetadata.ACCOUNT_ID, "root-id", CallerMetadata.USERNAME, "root",
                CallerMetadata.TRACE_ID, UUID.randomUUID().toString());
        store.append("Account", BUYER.value(), T0, root, new AccountOpenedEvent(BUYER, "buyer"));
        store.append("Account", BUYER.value(), T0, root, new FundsDepositedEvent(BUYER, DepositId.random(), USDT,
                usdt("1000"), usdt("1000")));
        store.append("Account", SELLER.value(), T0.plusSeconds(1), root, new AccountOpenedEvent(SELLER, "seller"));
        store.append("Account", SELLER.value(), T0.plusSeconds(1), root, new FundsDepositedEvent(SELLER,
                DepositId.random(), BTC, btc("2"), btc("2")));

        Map<String, String> buyer = Map.of(CallerMetadata.ACCOUNT_ID, BUYER.value(), CallerMetadata.USERNAME, "buyer",
                CallerMetadata.API_KEY_ID, "key-1", CallerMetadata.TRACE_ID, BUY_TRACE);
        store.append("Order", BUY.value(), T0.plusSeconds(10), buyer, new OrderPlacedEvent(BUY, BUYER, "b-1",
                terms(OrderSide.BUY, "0.50000"), USDT, usdt("50.10"), T0.plusSeconds(10)));
        store.append("Account", BUYER.value(), T0.plusSeconds(10), buyer, new FundsReservedEvent(BUYER, BUY, USDT,
                usdt("50.10"), usdt("949.90"), usdt("50.10")));
        store.append("Order", BUY.value(), T0.plusSeconds(10), buyer, new OrderAcceptedEvent(BUY, BUYER, BTC_USDT));

        Map<String, String> seller = Map.of(CallerMetadata.ACCOUNT_ID, SELLER.value(), CallerMetadata.USERNAME,
                "seller", CallerMetadata.TRACE_ID, SELL_TRACE);
        store.append("Order", SELL.value(), T0.plusSeconds(20), seller, new OrderPlacedEvent(SELL, SELLER, "s-1",
                terms(OrderSide.SELL, "0.30000"), BTC, btc("0.3"), T0.plusSeconds(20)));
        store.append("Account", SELLER.value(), T0.plusSeconds(20), seller, new FundsReservedEvent(SELLER, SELL, BTC,
                btc("0.3"), btc("1.7"), btc("0.3")));
        store.append("Order", SELL.value(), T0.plusSeconds(20), seller, new OrderAcceptedEvent(SELL, SELLER, BTC_USDT));

        // the sell takes 0.3 BTC from the resting buy at 100; settlement in the seller's correlation
        Instant traded = T0.plusSeconds(60);
        store.append("Trade", TRADE.value(), traded, seller, new TradeSettledEvent(TRADE, BTC_USDT, 7,
                new BigDecimal("100.00"), new BigDecimal("0.30000"), usdt("30"), BUY, BUYER, SELL, SELLER,
                OrderSide.SELL, usdt("0.03"), usdt("0.06"), USDT, FEES));
        store.append("Account", BUYER.value(), traded, seller, new TradeSettledOnAccountEvent(BUYER, TRADE, BUY, USDT,
                usdt("30.03"), usdt("20.07"), BTC, btc("0.3"), btc("0.3"), usdt("0.03")));
        store.append("Account", SELLER.value(), traded, seller, new TradeSettledOnAccountEvent(SELLER, TRADE, SELL,
                BTC, btc("0.3"), btc("0"), USDT, usdt("29.94"), usdt("29.94"), usdt("0.06")));
        store.append("Account", FEES.value(), traded, seller, new AccountOpenedEvent(FEES, "fees"));
        store.append("Account", FEES.value(), traded, seller, new FeeCollectedEvent(FEES, TRADE, USDT, usdt("0.09"),
                usdt("0.09")));
        store.append("Order", BUY.value(), traded, seller, new OrderFillRecordedEvent(BUY, BUYER, BTC_USDT, TRADE,
                Liquidity.MAKER, new BigDecimal("100.00"), new BigDecimal("0.30000"), usdt("30"), usdt("0.03"), USDT,
                new BigDecimal("0.30000"), usdt("30"), usdt("0.03")));
        store.append("Order", SELL.value(), traded, seller, new OrderFillRecordedEvent(SELL, SELLER, BTC_USDT, TRADE,
                Liquidity.TAKER, new BigDecimal("100.00"), new BigDecimal("0.30000"), usdt("30"), usdt("0.06"), USDT,
                new BigDecimal("0.30000"), usdt("30"), usdt("0.06")));
        store.append("Order", SELL.value(), traded, seller, new OrderClosedEvent(SELL, SELLER, BTC_USDT,
                OrderStatus.FILLED, null, new BigDecimal("0.30000"), usdt("30"), new BigDecimal("100.0000000000"),
                usdt("0.06")));

        // more deposits of the buyer than one export fetch holds
        for (int deposit = 0; deposit < EXTRA_DEPOSITS; deposit++) {
            store.append("Account", BUYER.value(), traded.plusSeconds(60 + deposit), root,
                    new FundsDepositedEvent(BUYER, DepositId.random(), USDT, usdt("1"),
                            usdt("949.90").add(usdt(Integer.toString(deposit + 1)))));
        }

        String auditor = KEYCLOAK.createUser("it-audit-auditor", "auditor");
        auditorId = KEYCLOAK.userId(auditor);
        auditorToken = KEYCLOAK.token(auditor, auditor);
        String trader = KEYCLOAK.createUser("it-audit-trader", "trader");
        traderId = KEYCLOAK.userId(trader);
        traderToken = KEYCLOAK.token(trader, trader);
    }

    private static OrderTerms terms(OrderSide side, String quantity) {
        return new OrderTerms(BTC_USDT, side, OrderType.LIMIT, TimeInForce.GTC, new BigDecimal("100.00"),
                new BigDecimal(quantity), null, null, SelfTradeMode.EXPIRE_TAKER);
    }

    private static BigDecimal usdt(String amount) {
        return new BigDecimal(amount).setScale(8);
    }

    private static BigDecimal btc(String amount) {
        return new BigDecimal(amount).setScale(8);
    }

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    private JsonNode audit(String pathAndQuery) {
        Response answer = api().get(pathAndQuery, auditorToken);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> types(JsonNode events) {
        return StreamSupport.stream(events.spliterator(), false).map(event -> event.path("type").asText()).toList();
    }

    @Test
    void eventsCarryTheirPositionPayloadAndWhoCausedThem() {
        JsonNode events = audit("/api/v1/audit/events?aggregateId=" + BUY.value()).path("events");

        assertThat(types(events)).containsExactly("OrderPlacedEvent", "OrderAcceptedEvent", "OrderFillRecordedEvent");
        JsonNode placed = events.get(0);
        assertThat(placed.path("position").asLong()).isPositive();
        assertThat(placed.path("aggregateType").asText()).isEqualTo("Order");
        assertThat(placed.path("sequence").asLong()).isZero();
        assertThat(placed.path("payloadType").asText()).isEqualTo(OrderPlacedEvent.class.getName());
        assertThat(placed.path("revision").asText()).isEqualTo("1");
        assertThat(placed.path("timestamp").asText()).isEqualTo("2026-11-20T10:00:10.250Z");
        assertThat(placed.path("payload").path("terms").path("price").asText()).isEqualTo("100.00");
        assertThat(placed.path("caller").path("accountId").asText()).isEqualTo(BUYER.value());
        assertThat(placed.path("caller").path("username").asText()).isEqualTo("buyer");
        assertThat(placed.path("caller").path("apiKeyId").asText()).isEqualTo("key-1");
        assertThat(placed.path("correlationId").asText()).isEqualTo(BUY_TRACE);
        assertThat(events.get(2).path("correlationId").asText()).as("the fill came from the seller's request")
                .isEqualTo(SELL_TRACE);
        assertThat(events.get(2).path("caller").path("username").asText()).isEqualTo("seller");
    }

    @Test
    void filtersSelectByAccountMarketTypeTimeAndCorrelation() {
        assertThat(types(audit("/api/v1/audit/events?account=" + SELLER.value()).path("events"))).containsExactly(
                "AccountOpenedEvent", "FundsDepositedEvent", "OrderPlacedEvent", "FundsReservedEvent",
                "OrderAcceptedEvent", "TradeSettledEvent", "TradeSettledOnAccountEvent", "OrderFillRecordedEvent",
                "OrderClosedEvent");
        assertThat(types(audit("/api/v1/audit/events?market=BTC-USDT&aggregateType=Order&eventType=OrderAcceptedEvent")
                .path("events"))).containsExactly("OrderAcceptedEvent", "OrderAcceptedEvent");
        assertThat(types(audit("/api/v1/audit/events?correlationId=" + BUY_TRACE).path("events"))).containsExactly(
                "OrderPlacedEvent", "FundsReservedEvent", "OrderAcceptedEvent");
        assertThat(types(audit("/api/v1/audit/events?eventType=" + FeeCollectedEvent.class.getName()).path("events")))
                .containsExactly("FeeCollectedEvent");
        assertThat(types(audit("/api/v1/audit/events?from=2026-11-20T10:00:10.250Z&to=2026-11-20T10:00:20.250Z")
                .path("events"))).containsExactly("OrderPlacedEvent", "FundsReservedEvent", "OrderAcceptedEvent");
    }

    @Test
    void pagesFollowEachOtherByPositionWithoutGapsOrRepeats() {
        List<Long> all = positions(audit("/api/v1/audit/events?account=" + BUYER.value() + "&limit=1000").path("events"));
        List<Long> paged = new ArrayList<>();
        String after = "";
        int pages = 0;
        while (true) {
            JsonNode page = audit("/api/v1/audit/events?account=" + BUYER.value() + "&limit=4" + after);
            paged.addAll(positions(page.path("events")));
            pages++;
            if (page.path("nextAfterPosition").isNull()) {
                break;
            }
            after = "&afterPosition=" + page.path("nextAfterPosition").asLong();
        }

        assertThat(all).hasSize(8 + EXTRA_DEPOSITS).isSorted();
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isGreaterThan(8);
    }

    private static List<Long> positions(JsonNode events) {
        return StreamSupport.stream(events.spliterator(), false).map(event -> event.path("position").asLong()).toList();
    }

    @Test
    void anExportStreamsTheWholeSelectionAsJsonLinesOrCsv() throws Exception {
        Response jsonl = api().get("/api/v1/audit/events/export?account=" + BUYER.value(), auditorToken);
        Response csv = api().get("/api/v1/audit/events/export?format=csv&account=" + BUYER.value(), auditorToken);

        assertThat(jsonl.status()).isEqualTo(200);
        assertThat(jsonl.contentType()).startsWith("application/x-ndjson");
        List<String> lines = jsonl.body().lines().toList();
        assertThat(lines).as("more rows than one fetch of 7").hasSize(8 + EXTRA_DEPOSITS);
        List<Long> positions = new ArrayList<>();
        for (String line : lines) {
            positions.add(JSON.readTree(line).path("position").asLong());
        }
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(JSON.readTree(lines.getLast()).path("payload").path("availableAfter").asText())
                .isEqualTo("974.90000000");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.getFirst()).isEqualTo(String.join(",", ExportFormat.HEADER));
        assertThat(rows).hasSize(1 + 8 + EXTRA_DEPOSITS);
        assertThat(rows.get(1)).startsWith(positions.getFirst() + ",2026-11-20T10:00:00.250Z,Account," + BUYER.value()
                + ",0,AccountOpenedEvent,1,");
        assertThat(rows.get(1)).contains(",root-id,root,,\"{\"\"accountId\"\":\"\"" + BUYER.value());
    }

    @Test
    void balancesAtAnInstantOrPositionAreRebuiltFromTheEventsUpToIt() {
        JsonNode beforeTrade = audit("/api/v1/audit/accounts/" + BUYER.value() + "/balances?at=" + BEFORE_TRADE);
        JsonNode afterTrade = audit("/api/v1/audit/accounts/" + BUYER.value() + "/balances?at="
                + T0.plusSeconds(60));
        JsonNode now = audit("/api/v1/audit/accounts/" + BUYER.value() + "/balances");
        JsonNode atTheReservation = audit("/api/v1/audit/accounts/" + BUYER.value() + "/balances?position="
                + beforeTrade.path("lastEventPosition").asLong());

        assertThat(balances(beforeTrade)).containsExactly("USDT 949.90000000 50.10000000 1000.00000000");
        assertThat(balances(afterTrade)).containsExactly("BTC 0.30000000 0.00000000 0.30000000",
                "USDT 949.90000000 20.07000000 969.97000000");
        assertThat(balances(now)).containsExactly("BTC 0.30000000 0.00000000 0.30000000",
                "USDT 974.90000000 20.07000000 994.97000000");
        assertThat(balances(atTheReservation)).isEqualTo(balances(beforeTrade));
        assertThat(beforeTrade.path("at").asText()).isEqualTo(BEFORE_TRADE.toString());
        assertThat(audit("/api/v1/audit/accounts/" + BUYER.value() + "/balances?at=2026-11-20T09:00:00Z")
                .path("balances")).isEmpty();
    }

    private static List<String> balances(JsonNode asOf) {
        return StreamSupport.stream(asOf.path("balances").spliterator(), false)
                .map(b -> b.path("asset").asText() + " " + b.path("available").asText() + " " + b.path("held").asText()
                        + " " + b.path("total").asText())
                .toList();
    }

    @Test
    void anOrdersStateAtAnInstantIsRebuiltFromItsEvents() {
        JsonNode before = audit("/api/v1/audit/orders/" + BUY.value() + "/state?at=" + BEFORE_TRADE).path("order");
        JsonNode now = audit("/api/v1/audit/orders/" + BUY.value() + "/state").path("order");
        JsonNode sell = audit("/api/v1/audit/orders/" + SELL.value() + "/state").path("order");
        JsonNode notYet = audit("/api/v1/audit/orders/" + BUY.value() + "/state?at=2026-11-20T10:00:05Z");

        assertThat(before.path("status").asText()).isEqualTo("NEW");
        assertThat(before.path("filledQuantity").asText()).isEqualTo("0");
        assertThat(before.path("updatedAt").asText()).isEqualTo("2026-11-20T10:00:10.250Z");
        assertThat(now.path("status").asText()).isEqualTo("PARTIALLY_FILLED");
        assertThat(now.path("filledQuantity").asText()).isEqualTo("0.30000");
        assertThat(now.path("fees").asText()).isEqualTo("0.03000000");
        assertThat(now.path("feeAsset").asText()).isEqualTo("USDT");
        assertThat(now.path("clientOrderId").asText()).isEqualTo("b-1");
        assertThat(sell.path("status").asText()).isEqualTo("FILLED");
        assertThat(sell.path("averagePrice").asText()).isEqualTo("100.0000000000");
        assertThat(notYet.path("order").isNull()).as("not placed yet at that instant").isTrue();
    }

    @Test
    void theStoryOfAnOrderHasItsEventsItsSagaStepsItsTradeAndThePostings() {
        JsonNode story = audit("/api/v1/audit/orders/" + BUY.value() + "/story");

        List<String> entries = StreamSupport.stream(story.path("entries").spliterator(), false)
                .map(entry -> entry.path("relation").asText() + ":" + entry.path("event").path("type").asText())
                .toList();
        // the fill came from the sell's request: its placement and everything else it caused belong here too
        assertThat(entries).containsExactly("subject:OrderPlacedEvent", "names-subject:FundsReservedEvent",
                "subject:OrderAcceptedEvent", "correlation:OrderPlacedEvent", "correlation:FundsReservedEvent",
                "correlation:OrderAcceptedEvent", "names-subject:TradeSettledEvent",
                "names-subject:TradeSettledOnAccountEvent", "trade:TradeSettledOnAccountEvent",
                "correlation:AccountOpenedEvent", "trade:FeeCollectedEvent", "subject:OrderFillRecordedEvent",
                "trade:OrderFillRecordedEvent", "correlation:OrderClosedEvent");
        JsonNode reserve = story.path("entries").get(1).path("postings");
        assertThat(reserve.get(0).path("bucket").asText()).isEqualTo("AVAILABLE");
        assertThat(reserve.get(0).path("amount").asText()).isEqualTo("-50.10000000");
        assertThat(reserve.get(1).path("balanceAfter").asText()).isEqualTo("50.10000000");

        JsonNode trade = audit("/api/v1/audit/trades/" + TRADE.value() + "/story");
        assertThat(trade.path("entries")).hasSize(6);
        assertThat(trade.path("entries").get(0).path("relation").asText()).isEqualTo("subject");
    }

    @Test
    void badFiltersAndInstantsAreRefusedWithStableCodes() {
        assertThat(refusal("/api/v1/audit/events?from=yesterday")).isEqualTo("400 VALIDATION_FAILED");
        assertThat(refusal("/api/v1/audit/events?eventType=NoSuchEvent")).isEqualTo("400 VALIDATION_FAILED");
        assertThat(refusal("/api/v1/audit/events?acount=" + BUYER.value())).isEqualTo("400 VALIDATION_FAILED");
        assertThat(refusal("/api/v1/audit/events?afterPosition=-1")).isEqualTo("400 VALIDATION_FAILED");
        assertThat(refusal("/api/v1/audit/events?from=2026-11-20T11:00:00Z&to=2026-11-20T10:00:00Z"))
                .isEqualTo("400 VALIDATION_FAILED");
        assertThat(refusal("/api/v1/audit/events?limit=5000")).isEqualTo("400 LIMIT_TOO_LARGE");
        assertThat(refusal("/api/v1/audit/events/export?format=xml")).isEqualTo("400 VALIDATION_FAILED");
        assertThat(refusal("/api/v1/audit/accounts/" + BUYER.value() + "/balances?at=noon")).isEqualTo("400 VALIDATION_FAILED");
        assertThat(refusal("/api/v1/audit/accounts/nobody-" + UUID.randomUUID() + "/balances"))
                .isEqualTo("404 UNKNOWN_ACCOUNT");
        assertThat(refusal("/api/v1/audit/orders/" + UUID.randomUUID() + "/story")).isEqualTo("404 ORDER_NOT_FOUND");
        assertThat(refusal("/api/v1/audit/orders/" + UUID.randomUUID() + "/state")).isEqualTo("404 ORDER_NOT_FOUND");
        assertThat(refusal("/api/v1/audit/trades/BTC-USDT-999999/story")).isEqualTo("404 NOT_FOUND");
    }

    /** The two characters after the marker in a recorded query string. */
    private static String suffix(String query, String marker) {
        int at = query.indexOf(marker) + marker.length();
        return query.substring(at, at + 2);
    }

    private String refusal(String pathAndQuery) {
        Response answer = api().get(pathAndQuery, auditorToken);
        assertThat(answer.isProblem()).as(answer.body()).isTrue();
        return answer.status() + " " + answer.json().path("code").asText();
    }

    @Test
    void everyAuditRequestIsRecordedAnsweredOrRefusedAndAuditorsCanReadTheLog() {
        String marker = UUID.randomUUID().toString();
        Response byTrader = api().get("/api/v1/audit/events?correlationId=" + marker + "-t", traderToken);
        Response anonymous = api().get("/api/v1/audit/events?correlationId=" + marker + "-a", null);
        Response invalid = api().get("/api/v1/audit/events?correlationId=" + marker + "-i&limit=0", auditorToken);
        Response answered = api().get("/api/v1/audit/events?correlationId=" + marker + "-o", auditorToken);
        Response traderReadsLog = api().get("/api/v1/audit/access-log", traderToken);

        assertThat(byTrader.status()).isEqualTo(403);
        assertThat(byTrader.json().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(traderReadsLog.status()).isEqualTo(403);

        JsonNode log = audit("/api/v1/audit/access-log?limit=1000").path("entries");
        List<JsonNode> mine = StreamSupport.stream(log.spliterator(), false)
                .filter(entry -> entry.path("query").asText().contains(marker)).toList();
        assertThat(mine).extracting(entry -> suffix(entry.path("query").asText(), marker) + " "
                        + entry.path("status").asInt() + " " + entry.path("accountId").asText(null))
                .containsExactly("-o 200 " + auditorId, "-i 400 " + auditorId, "-a 401 null", "-t 403 " + traderId);
        JsonNode refused = mine.getLast();
        assertThat(refused.path("method").asText()).isEqualTo("GET");
        assertThat(refused.path("path").asText()).isEqualTo("/api/v1/audit/events");
        assertThat(refused.path("service").asText()).isEqualTo("query-side");
        assertThat(refused.path("roles").toString()).contains("trader");
        assertThat(StreamSupport.stream(log.spliterator(), false)
                .anyMatch(entry -> entry.path("path").asText().equals("/api/v1/audit/access-log")
                        && entry.path("status").asInt() == 403 && traderId.equals(entry.path("accountId").asText())))
                .as("reading the log is an audit request too").isTrue();

        JsonNode onlyTrader = audit("/api/v1/audit/access-log?account=" + traderId).path("entries");
        assertThat(onlyTrader).isNotEmpty().allMatch(entry -> entry.path("accountId").asText().equals(traderId));
    }
}
