package org.exchange.command.market;

import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.SubmitOrderCommand;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.command.account.AssetCatalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Test data for the book inside {@link Market}: one market, order terms and submissions. */
final class BookOrders {

    static final MarketId BTC_USDT = MarketId.of("BTC-USDT");
    /** Tick 0.01 USDT, lot 0.001 BTC, maker 0.075 %, taker 0.125 %. */
    static final MarketSpec RULES = new MarketSpec(Asset.of("BTC"), Asset.of("USDT"), new BigDecimal("0.01"),
            new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1000"), BigDecimal.ZERO,
            new BigDecimal("0.00075"), new BigDecimal("0.00125"));
    static final MarketOpenedEvent OPENED = new MarketOpenedEvent(BTC_USDT, RULES);
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    /** More quote than any test order can cost. */
    static final BigDecimal PLENTY = new BigDecimal("1000000");

    private BookOrders() {
    }

    /** BTC and USDT both carry 8 decimals. */
    static AssetCatalog assets() {
        return new AssetCatalog(List.of(new AssetCatalog.Listing("BTC", 8), new AssetCatalog.Listing("USDT", 8)));
    }

    static OrderTerms limit(OrderSide side, String price, String quantity) {
        return limit(side, TimeInForce.GTC, price, quantity, null);
    }

    static OrderTerms limit(OrderSide side, TimeInForce timeInForce, String price, String quantity, SelfTradeMode mode) {
        return new OrderTerms(BTC_USDT, side, OrderType.LIMIT, timeInForce, new BigDecimal(price),
                new BigDecimal(quantity), null, null, mode);
    }

    static OrderTerms limitMaker(OrderSide side, String price, String quantity) {
        return new OrderTerms(BTC_USDT, side, OrderType.LIMIT_MAKER, null, new BigDecimal(price),
                new BigDecimal(quantity), null, null, null);
    }

    static OrderTerms market(OrderSide side, String quantity) {
        return new OrderTerms(BTC_USDT, side, OrderType.MARKET, null, null, new BigDecimal(quantity), null, null, null);
    }

    static OrderTerms marketBuyByQuote(String quoteQuantity) {
        return new OrderTerms(BTC_USDT, OrderSide.BUY, OrderType.MARKET, null, null, null,
                new BigDecimal(quoteQuantity), null, null);
    }

    static OrderTerms stopLimit(OrderSide side, String stopPrice, String price, String quantity) {
        return new OrderTerms(BTC_USDT, side, OrderType.STOP_LIMIT, TimeInForce.GTC, new BigDecimal(price),
                new BigDecimal(quantity), null, new BigDecimal(stopPrice), null);
    }

    static OrderTerms stopMarket(OrderSide side, String stopPrice, String quantity) {
        return new OrderTerms(BTC_USDT, side, OrderType.STOP_MARKET, null, null, new BigDecimal(quantity), null,
                new BigDecimal(stopPrice), null);
    }

    /** A submission placed just now, with plenty of quote held for a buy. */
    static SubmitOrderCommand submit(String orderId, String account, OrderTerms terms) {
        return submit(orderId, account, terms, terms.side() == OrderSide.BUY ? PLENTY : null, NOW);
    }

    static SubmitOrderCommand submit(String orderId, String account, OrderTerms terms, BigDecimal quoteHold,
                                     Instant placedAt) {
        return new SubmitOrderCommand(BTC_USDT, OrderId.of(orderId), AccountId.of(account), terms, quoteHold, placedAt);
    }
}
