package org.exchange.command.order;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.BookOutcome;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderSummary;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.command.account.AssetCatalog;
import org.exchange.command.market.MarketDirectory;
import org.exchange.platform.binance.BinanceDecimals;
import org.exchange.platform.binance.BinanceError;
import org.exchange.platform.binance.BinanceErrorAnswers;
import org.exchange.platform.binance.BinanceOrders;
import org.exchange.platform.binance.BinanceParameters;
import org.exchange.platform.binance.BinanceRefusal;
import org.exchange.platform.security.Caller;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Binance's signed order endpoints that write ({@code POST /api/v3/order}, {@code DELETE /api/v3/order},
 * {@code DELETE /api/v3/openOrders}), on top of the same {@link OrderDesk} as the native API. Parameters
 * come as Binance clients send them (a form body for POST, the query string for DELETE; the signature
 * is checked before, by the platform's {@code SignedRequests}). {@code orderId} is our order id, a
 * string (see ADR 0016).
 */
@RestController
@RequestMapping(BinanceError.PATH)
class BinanceOrderController {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9-_.]{1,20}");

    private final OrderDesk desk;
    private final MarketDirectory markets;
    private final AssetCatalog assets;
    private final EventStore eventStore;
    private final Clock clock = Clock.systemUTC();

    BinanceOrderController(OrderDesk desk, MarketDirectory markets, AssetCatalog assets, EventStore eventStore) {
        this.desk = desk;
        this.markets = markets;
        this.assets = assets;
        this.eventStore = eventStore;
    }

    /** The Binance-shaped refusals for this controller only. */
    @RestControllerAdvice(assignableTypes = BinanceOrderController.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Refusals extends BinanceErrorAnswers {
    }

    @PostMapping("/order")
    @PreAuthorize("hasRole('trader')")
    Map<String, Object> place(@AuthenticationPrincipal Caller caller, HttpServletRequest http) {
        BinanceParameters parameters = BinanceParameters.signed(http, "symbol", "side", "type", "timeInForce",
                "quantity", "quoteOrderQty", "price", "stopPrice", "newClientOrderId", "newOrderRespType",
                "selfTradePreventionMode");
        MarketId market = market(parameters.required("symbol"));
        String side = parameters.required("side");
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw new BinanceRefusal(BinanceError.invalidSide());
        }
        OrderType type = orderType(parameters.required("type"));
        String timeInForce = parameters.optional("timeInForce");
        if (timeInForce != null && !List.of("GTC", "IOC", "FOK").contains(timeInForce)) {
            throw new BinanceRefusal(BinanceError.invalidTimeInForce());
        }
        if (type == OrderType.LIMIT_MAKER && "GTC".equals(timeInForce)) {
            timeInForce = null; // a maker-only order rests until canceled anyway
        }
        String respType = responseType(parameters.optional("newOrderRespType"), type);
        String clientOrderId = parameters.optional("newClientOrderId");
        if (clientOrderId == null) {
            // Binance makes one up; so do we, so that the order can be found by it
            clientOrderId = UUID.randomUUID().toString().replace("-", "");
        }
        OrderRequest request = new OrderRequest(market.value(), side, type.name(), timeInForce,
                parameters.optional("price"), parameters.optional("quantity"), parameters.optional("quoteOrderQty"),
                parameters.optional("stopPrice"), clientOrderId, parameters.optional("selfTradePreventionMode"));
        OrderDesk.Placement placed = desk.place(AccountId.of(caller.accountId()), request);

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("symbol", market.symbol());
        answer.put("orderId", placed.orderId().value());
        answer.put("orderListId", -1);
        answer.put("clientOrderId", placed.clientOrderId());
        answer.put("transactTime", placed.placedAt().toEpochMilli());
        if (respType.equals("ACK")) {
            return answer;
        }
        OrderTerms terms = placed.terms();
        int baseScale = assets.scaleOf(market.base().code());
        int quoteScale = assets.scaleOf(market.quote().code());
        answer.put("price", BinanceDecimals.of(terms.price(), quoteScale));
        answer.put("origQty", BinanceDecimals.of(terms.quantity(), baseScale));
        answer.put("executedQty", BinanceDecimals.of(placed.executedQuantity(), baseScale));
        answer.put("origQuoteOrderQty", BinanceDecimals.of(terms.quoteQuantity(), quoteScale));
        List<BookOutcome.Fill> fills = placed.fills();
        if (fills != null) {
            BigDecimal quoteTraded = fills.stream().map(BookOutcome.Fill::quoteQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            answer.put("cummulativeQuoteQty", BinanceDecimals.of(quoteTraded, quoteScale));
        }
        answer.put("status", status(placed.status()));
        answer.put("timeInForce", terms.timeInForce() == null ? "GTC" : terms.timeInForce().name());
        answer.put("type", binanceType(terms.type()));
        answer.put("side", terms.side().name());
        if (terms.stopPrice() != null) {
            answer.put("stopPrice", BinanceDecimals.of(terms.stopPrice(), quoteScale));
        }
        answer.put("workingTime", placed.placedAt().toEpochMilli());
        answer.put("selfTradePreventionMode", terms.selfTradeMode().name());
        if (respType.equals("FULL") && fills != null) {
            // the trades the book made on arrival: recorded with its answer, settled afterwards
            // (a retry that found the order placed answers without them: see the API guide)
            answer.put("fills", fills.stream().map(fill -> fill(fill, baseScale, quoteScale)).toList());
        }
        return answer;
    }

    @DeleteMapping("/order")
    @PreAuthorize("hasRole('trader')")
    Map<String, Object> cancel(@AuthenticationPrincipal Caller caller, HttpServletRequest http) {
        BinanceParameters parameters = BinanceParameters.signed(http, "symbol", "orderId", "origClientOrderId",
                "newClientOrderId", "cancelRestrictions");
        MarketId market = market(parameters.required("symbol"));
        String orderId = parameters.optional("orderId");
        String origClientOrderId = parameters.optional("origClientOrderId");
        if (orderId == null && origClientOrderId == null) {
            throw new BinanceRefusal(BinanceError.orderIdMissing());
        }
        AccountId account = AccountId.of(caller.accountId());
        OrderId id = orderId != null ? ownOrderId(orderId) : OrderId.forClient(account, origClientOrderId);
        OrderPlacedEvent placed = placing(id).filter(order -> order.accountId().equals(account)
                        && order.terms().marketId().equals(market)
                        && (origClientOrderId == null || origClientOrderId.equals(order.clientOrderId())))
                .orElseThrow(() -> new BinanceRefusal(BinanceError.noSuchOrder()));
        OrderDesk.Cancellation result = desk.cancel(account, id);
        OrderSummary summary = result.summary();
        int baseScale = assets.scaleOf(market.base().code());
        int quoteScale = assets.scaleOf(market.quote().code());
        Map<String, Object> answer = described(market, placed, baseScale, quoteScale);
        answer.put("transactTime", clock.millis());
        answer.put("executedQty", BinanceDecimals.of(summary.filledQuantity(), baseScale));
        answer.put("cummulativeQuoteQty", BinanceDecimals.of(summary.filledQuoteQuantity(), quoteScale));
        answer.put("status", status(result.status()));
        return answer;
    }

    @DeleteMapping("/openOrders")
    @PreAuthorize("hasRole('trader')")
    List<Map<String, Object>> cancelAll(@AuthenticationPrincipal Caller caller, HttpServletRequest http) {
        BinanceParameters parameters = BinanceParameters.signed(http, "symbol");
        MarketId market = market(parameters.required("symbol"));
        int baseScale = assets.scaleOf(market.base().code());
        int quoteScale = assets.scaleOf(market.quote().code());
        List<Map<String, Object>> answer = new ArrayList<>();
        for (OrderId id : desk.cancelAll(AccountId.of(caller.accountId()), market).orderIds()) {
            Map<String, Object> order = placing(id).map(placed -> described(market, placed, baseScale, quoteScale))
                    .orElseGet(() -> bare(market, id));
            order.put("status", "CANCELED");
            answer.add(order);
        }
        return answer;
    }

    /** A trade of the order as Binance writes it in a FULL answer; {@code tradeId} is our trade id, as in myTrades. */
    private Map<String, Object> fill(BookOutcome.Fill fill, int baseScale, int quoteScale) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("price", BinanceDecimals.of(fill.price(), quoteScale));
        answer.put("qty", BinanceDecimals.of(fill.quantity(), baseScale));
        answer.put("commission", BinanceDecimals.of(fill.fee(), assets.scaleOf(fill.feeAsset().code())));
        answer.put("commissionAsset", fill.feeAsset().code());
        answer.put("tradeId", fill.tradeId().value());
        return answer;
    }

    /** What the order's placing says about it, in the order Binance writes a cancel's answer. */
    private static Map<String, Object> described(MarketId market, OrderPlacedEvent placed, int baseScale, int quoteScale) {
        OrderTerms terms = placed.terms();
        Map<String, Object> order = bare(market, placed.orderId());
        order.put("origClientOrderId", placed.clientOrderId());
        order.put("clientOrderId", placed.clientOrderId());
        order.put("price", BinanceDecimals.of(terms.price(), quoteScale));
        order.put("origQty", BinanceDecimals.of(terms.quantity(), baseScale));
        order.put("origQuoteOrderQty", BinanceDecimals.of(terms.quoteQuantity(), quoteScale));
        order.put("timeInForce", terms.timeInForce() == null ? "GTC" : terms.timeInForce().name());
        order.put("type", binanceType(terms.type()));
        order.put("side", terms.side().name());
        order.put("selfTradePreventionMode", terms.selfTradeMode().name());
        return order;
    }

    private static Map<String, Object> bare(MarketId market, OrderId id) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("symbol", market.symbol());
        order.put("orderId", id.value());
        order.put("orderListId", -1);
        return order;
    }

    /** The order's first event, which names its account and terms; empty for an id never used. */
    private Optional<OrderPlacedEvent> placing(OrderId id) {
        DomainEventStream events = eventStore.readEvents(id.value(), 0);
        if (events.hasNext()) {
            DomainEventMessage<?> first = events.next();
            if (first.getPayload() instanceof OrderPlacedEvent placed) {
                return Optional.of(placed);
            }
        }
        return Optional.empty();
    }

    /**
     * The market of a Binance symbol ({@code BTCUSDT}): the listed market whose base and quote, both
     * listed assets, spell it. {@code -1100} for what cannot be a symbol, {@code -1121} for none.
     */
    private MarketId market(String symbol) {
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new BinanceRefusal(BinanceError.illegalSymbol("symbol"));
        }
        for (AssetCatalog.Listing base : assets.assets()) {
            if (symbol.length() > base.code().length() && symbol.startsWith(base.code())) {
                String quote = symbol.substring(base.code().length());
                if (assets.assets().stream().anyMatch(listing -> listing.code().equals(quote))) {
                    try {
                        MarketId market = MarketId.of(base.code() + "-" + quote);
                        markets.spec(market);
                        return market;
                    } catch (ExchangeException notListed) {
                        // another split of the symbol may be a market
                    }
                }
            }
        }
        throw new BinanceRefusal(BinanceError.invalidSymbol());
    }

    private static OrderId ownOrderId(String given) {
        try {
            return OrderController.orderId(given);
        } catch (ExchangeException invalid) {
            throw new BinanceRefusal(BinanceError.noSuchOrder());
        }
    }

    private static OrderType orderType(String type) {
        return OrderType.valueOf(BinanceOrders.ourType(type));
    }

    private static String binanceType(OrderType type) {
        return BinanceOrders.type(type.name());
    }

    /** Binance's default: FULL for LIMIT and MARKET orders, ACK for the others. */
    private static String responseType(String given, OrderType type) {
        if (given == null) {
            return type == OrderType.LIMIT || type == OrderType.MARKET ? "FULL" : "ACK";
        }
        if (!List.of("ACK", "RESULT", "FULL").contains(given)) {
            throw new BinanceRefusal(BinanceError.invalidParameter("newOrderRespType"));
        }
        return given;
    }

    private static String status(OrderStatus status) {
        return BinanceOrders.status(status.name());
    }

}
