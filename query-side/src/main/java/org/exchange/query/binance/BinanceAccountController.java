package org.exchange.query.binance;

import jakarta.servlet.http.HttpServletRequest;
import org.exchange.api.account.AccountId;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.OrderId;
import org.exchange.platform.binance.BinanceDecimals;
import org.exchange.platform.binance.BinanceError;
import org.exchange.platform.binance.BinanceOrders;
import org.exchange.platform.binance.BinanceParameters;
import org.exchange.platform.binance.BinanceRefusal;
import org.exchange.platform.security.Caller;
import org.exchange.query.balance.BalanceRepository;
import org.exchange.query.market.ListedMarket;
import org.exchange.query.order.FreshOrders;
import org.exchange.query.order.OrderReadModel;
import org.exchange.query.order.OrderReadModel.OrderRow;
import org.exchange.query.order.OrderView;
import org.exchange.query.position.ReflectsProjection;
import org.exchange.query.trade.TradeReadModel;
import org.exchange.query.trade.TradeReadModel.TradeRow;
import org.exchange.query.trade.TradeView;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binance's signed reads of a trader's own account, orders and trades, from the same read models as
 * the native API ({@code /api/v1/balances}, {@code /api/v1/orders}, {@code /api/v1/trades}). The
 * account is the API key's owner. {@code orderId} and trade {@code id} are our string ids (ADR 0016).
 */
@RestController
@PreAuthorize("hasRole('trader')")
class BinanceAccountController {

    private static final List<String> OPEN = List.of("PENDING_NEW", "NEW", "PARTIALLY_FILLED");
    /** More open orders than any account may have (the command side's open-order limit is lower). */
    private static final int MAX_OPEN_ROWS = 1000;
    private static final int DEFAULT_ROWS = 500;
    private static final int MAX_ROWS = 1000;

    private final BinanceSymbols symbols;
    private final AssetPrecisions precisions;
    private final BalanceRepository balances;
    private final FreshOrders freshOrders;
    private final OrderReadModel orders;
    private final TradeReadModel trades;
    private final Clock clock = Clock.systemUTC();

    BinanceAccountController(BinanceSymbols symbols, AssetPrecisions precisions, BalanceRepository balances,
                             FreshOrders freshOrders, OrderReadModel orders, TradeReadModel trades) {
        this.symbols = symbols;
        this.precisions = precisions;
        this.balances = balances;
        this.freshOrders = freshOrders;
        this.orders = orders;
        this.trades = trades;
    }

    /**
     * The account's balances ({@code free} available, {@code locked} held by open orders). Fees are
     * per market (see exchangeInfo and the native markets), so the account-wide commissions are 0.
     */
    @GetMapping(BinanceError.PATH + "/account")
    @ReflectsProjection("balances")
    Map<String, Object> account(@AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.signed(request, "omitZeroBalances");
        boolean omitZero = "true".equals(parameters.optional("omitZeroBalances"));
        List<Map<String, Object>> rows = new ArrayList<>();
        balances.findByKeyAccountIdOrderByKeyAsset(caller.accountId()).forEach(row -> {
            if (!omitZero || row.available().signum() != 0 || row.held().signum() != 0) {
                int scale = precisions.of(row.asset());
                Map<String, Object> balance = new LinkedHashMap<>();
                balance.put("asset", row.asset());
                balance.put("free", BinanceDecimals.of(row.available(), scale));
                balance.put("locked", BinanceDecimals.of(row.held(), scale));
                rows.add(balance);
            }
        });
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("makerCommission", 0);
        account.put("takerCommission", 0);
        account.put("buyerCommission", 0);
        account.put("sellerCommission", 0);
        account.put("canTrade", true);
        account.put("canWithdraw", false);
        account.put("canDeposit", false);
        account.put("brokered", false);
        account.put("requireSelfTradePrevention", false);
        account.put("preventSor", false);
        account.put("updateTime", clock.millis());
        account.put("accountType", "SPOT");
        account.put("balances", rows);
        account.put("permissions", List.of("SPOT"));
        return account;
    }

    /** One of the account's orders by {@code orderId} or {@code origClientOrderId}, under its symbol. */
    @GetMapping(BinanceError.PATH + "/order")
    @ReflectsProjection("orders")
    Map<String, Object> order(@AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.signed(request, "symbol", "orderId", "origClientOrderId");
        ListedMarket market = symbols.market("symbol", parameters.required("symbol"));
        String orderId = parameters.optional("orderId");
        String clientOrderId = parameters.optional("origClientOrderId");
        if (orderId == null && clientOrderId == null) {
            throw new BinanceRefusal(BinanceError.orderIdMissing());
        }
        String id = orderId != null ? orderId : OrderId.forClient(AccountId.of(caller.accountId()), clientOrderId).value();
        OrderView order = freshOrders.find(caller.accountId(), id)
                .map(OrderRow::view)
                .filter(view -> view.market().equals(market.market())
                        && (clientOrderId == null || clientOrderId.equals(view.clientOrderId())))
                .orElseThrow(() -> new BinanceRefusal(BinanceError.noSuchOrder()));
        return binance(order);
    }

    /** The account's open orders, of one symbol or all, oldest first. */
    @GetMapping(BinanceError.PATH + "/openOrders")
    @ReflectsProjection("orders")
    List<Map<String, Object>> openOrders(@AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.signed(request, "symbol");
        String symbol = parameters.optional("symbol");
        String market = symbol == null ? null : symbols.market("symbol", symbol).market();
        List<OrderView> open = new ArrayList<>();
        for (String status : OPEN) {
            orders.list(caller.accountId(), market, status, null, null, null, MAX_OPEN_ROWS)
                    .forEach(row -> open.add(row.view()));
        }
        return open.stream()
                .sorted(Comparator.comparing(OrderView::createdAt).thenComparing(OrderView::orderId))
                .map(this::binance)
                .toList();
    }

    /**
     * The account's orders of one symbol, oldest first: the latest {@code limit} (500 by default, at
     * most 1000) placed from {@code startTime} to {@code endTime} (both inclusive).
     */
    @GetMapping(BinanceError.PATH + "/allOrders")
    @ReflectsProjection("orders")
    List<Map<String, Object>> allOrders(@AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.signed(request, "symbol", "startTime", "endTime", "limit");
        ListedMarket market = symbols.market("symbol", parameters.required("symbol"));
        Instant start = parameters.time("startTime");
        Instant end = parameters.time("endTime");
        BinanceParameters.ordered(start, end);
        int limit = parameters.limit(DEFAULT_ROWS, MAX_ROWS);
        List<OrderView> found = new ArrayList<>(orders.list(caller.accountId(), market.market(), null, start,
                end == null ? null : end.plusMillis(1), null, limit).stream().map(OrderRow::view).toList());
        return found.reversed().stream().map(this::binance).toList();
    }

    /**
     * The account's trades in one symbol, oldest first: the latest {@code limit} (500 by default, at
     * most 1000) executed from {@code startTime} to {@code endTime} (both inclusive).
     */
    @GetMapping(BinanceError.PATH + "/myTrades")
    @ReflectsProjection("trades")
    List<Map<String, Object>> myTrades(@AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        BinanceParameters parameters = BinanceParameters.signed(request, "symbol", "startTime", "endTime", "limit");
        ListedMarket market = symbols.market("symbol", parameters.required("symbol"));
        Instant start = parameters.time("startTime");
        Instant end = parameters.time("endTime");
        BinanceParameters.ordered(start, end);
        Formats format = Formats.of(market, precisions);
        List<TradeRow> found = trades.list(caller.accountId(), market.market(), start,
                end == null ? null : end.plusMillis(1).minusNanos(1), null, parameters.limit(DEFAULT_ROWS, MAX_ROWS));
        List<Map<String, Object>> answer = new ArrayList<>();
        for (TradeRow row : found.reversed()) {
            TradeView trade = row.view();
            Map<String, Object> mine = new LinkedHashMap<>();
            mine.put("symbol", market.symbol());
            mine.put("id", trade.tradeId());
            mine.put("orderId", trade.orderId());
            mine.put("orderListId", -1);
            mine.put("price", format.price(decimal(trade.price())));
            mine.put("qty", format.quantity(decimal(trade.quantity())));
            mine.put("quoteQty", format.quote(decimal(trade.quoteQuantity())));
            mine.put("commission", BinanceDecimals.of(decimal(trade.fee()),
                    precisions.of(trade.feeAsset())));
            mine.put("commissionAsset", trade.feeAsset());
            mine.put("time", Instant.parse(trade.executedAt()).toEpochMilli());
            mine.put("isBuyer", trade.side().equals("BUY"));
            mine.put("isMaker", trade.liquidity().equals("MAKER"));
            mine.put("isBestMatch", true);
            answer.add(mine);
        }
        return answer;
    }

    /** An order as Binance's order endpoints write it. */
    private Map<String, Object> binance(OrderView order) {
        MarketId market = MarketId.of(order.market());
        Formats format = Formats.of(market, precisions);
        long created = Instant.parse(order.createdAt()).toEpochMilli();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("symbol", market.symbol());
        answer.put("orderId", order.orderId());
        answer.put("orderListId", -1);
        answer.put("clientOrderId", order.clientOrderId());
        answer.put("price", format.price(decimal(order.price())));
        answer.put("origQty", format.quantity(decimal(order.quantity())));
        answer.put("executedQty", format.quantity(decimal(order.filledQuantity())));
        answer.put("cummulativeQuoteQty", format.quote(decimal(order.filledQuoteQuantity())));
        String status = BinanceOrders.status(order.status());
        answer.put("status", status);
        answer.put("timeInForce", order.timeInForce() == null ? "GTC" : order.timeInForce());
        answer.put("type", BinanceOrders.type(order.type()));
        answer.put("side", order.side());
        answer.put("stopPrice", format.price(decimal(order.stopPrice())));
        answer.put("icebergQty", format.quantity(BigDecimal.ZERO));
        answer.put("time", created);
        answer.put("updateTime", Instant.parse(order.updatedAt()).toEpochMilli());
        answer.put("isWorking", status.equals("NEW") || status.equals("PARTIALLY_FILLED"));
        answer.put("workingTime", created);
        answer.put("origQuoteOrderQty", format.quote(decimal(order.quoteQuantity())));
        return answer;
    }

    private static BigDecimal decimal(String plain) {
        return plain == null ? null : new BigDecimal(plain);
    }

}
