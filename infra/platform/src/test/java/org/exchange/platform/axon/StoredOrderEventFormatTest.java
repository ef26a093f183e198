package org.exchange.platform.axon;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsReservationRejectedEvent;
import org.exchange.api.account.HoldVoidedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderBookOutcomeRecordedEvent;
import org.exchange.api.order.OrderCancelRequestedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderRejectedEvent;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.api.trade.TradeId;
import org.exchange.api.trade.TradeSettledEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the exact stored JSON (revision 1) of the events the Order, Trade and settlement write, and
 * that each reads back equal. If one fails, the stored format changed: add a revision and an
 * upcaster instead of editing the expected text.
 */
class StoredOrderEventFormatTest {

    private static final AccountId ALICE = AccountId.of("a-1");
    private static final AccountId BOB = AccountId.of("b-2");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final MarketId BTC_USDT = MarketId.of("BTC-USDT");
    private static final Asset BTC = Asset.of("BTC");
    private static final Asset USDT = Asset.of("USDT");
    private static final TradeId TRADE = TradeId.of("BTC-USDT-7");

    private final Serializer serializer = new AxonSerializationAutoConfiguration().eventSerializer();

    /** Asserts the exact JSON and revision 1, and that reading the JSON back gives an equal event. */
    private void pinned(Object event, String json) {
        SerializedObject<String> stored = serializer.serialize(event, String.class);

        assertThat(stored.getData()).isEqualTo(json);
        assertThat(stored.getType().getRevision()).isEqualTo("1");
        Object read = serializer.deserialize(new SimpleSerializedObject<>(json, String.class,
                new SimpleSerializedType(event.getClass().getName(), "1")));
        assertThat(read).isEqualTo(event);
    }

    @Test
    void orderPlacedRevision1CarriesTheTermsWithDecimalStringsAndAnIsoInstant() {
        OrderTerms terms = new OrderTerms(BTC_USDT, OrderSide.BUY, OrderType.LIMIT, TimeInForce.GTC,
                new BigDecimal("100.00"), new BigDecimal("0.50000"), null, null, SelfTradeMode.EXPIRE_TAKER);

        pinned(new OrderPlacedEvent(ORDER, ALICE, "c-1", terms, USDT, new BigDecimal("50.10000000"),
                        Instant.parse("2026-11-21T10:15:30.123456Z")),
                "{\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"clientOrderId\":\"c-1\",\"terms\":{\"marketId\":\"BTC-USDT\","
                        + "\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"100.00\","
                        + "\"quantity\":\"0.50000\",\"quoteQuantity\":null,\"stopPrice\":null,"
                        + "\"selfTradeMode\":\"EXPIRE_TAKER\"},\"holdAsset\":\"USDT\",\"holdAmount\":\"50.10000000\","
                        + "\"placedAt\":\"2026-11-21T10:15:30.123456Z\"}");
    }

    @Test
    void aMarketBuyByBaseQuantityIsStoredWithANullHold() {
        OrderTerms terms = new OrderTerms(BTC_USDT, OrderSide.BUY, OrderType.MARKET, null, null,
                new BigDecimal("1.00000"), null, null, SelfTradeMode.EXPIRE_TAKER);

        assertThat(serializer.serialize(new OrderPlacedEvent(ORDER, ALICE, null, terms, USDT, null,
                Instant.parse("2026-11-21T10:15:30Z")), String.class).getData())
                .contains("\"clientOrderId\":null", "\"holdAmount\":null", "\"placedAt\":\"2026-11-21T10:15:30Z\"");
    }

    @Test
    void orderLifecycleEventsRevision1() {
        pinned(new OrderRejectedEvent(ORDER, ALICE, BTC_USDT, "INSUFFICIENT_FUNDS"),
                "{\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"marketId\":\"BTC-USDT\",\"reason\":\"INSUFFICIENT_FUNDS\"}");
        pinned(new OrderAcceptedEvent(ORDER, ALICE, BTC_USDT),
                "{\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"marketId\":\"BTC-USDT\"}");
        pinned(new OrderCancelRequestedEvent(ORDER, ALICE, BTC_USDT),
                "{\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"marketId\":\"BTC-USDT\"}");
        pinned(new OrderBookOutcomeRecordedEvent(ORDER, ALICE, BTC_USDT, OrderStatus.EXPIRED, "NO_LIQUIDITY",
                        new BigDecimal("0.30000")),
                "{\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"marketId\":\"BTC-USDT\",\"outcome\":\"EXPIRED\","
                        + "\"reason\":\"NO_LIQUIDITY\",\"executedQuantity\":\"0.30000\"}");
    }

    @Test
    void orderFillAndCloseRevision1() {
        pinned(new OrderFillRecordedEvent(ORDER, ALICE, BTC_USDT, TRADE, Liquidity.MAKER, new BigDecimal("100.00"),
                        new BigDecimal("0.30000"), new BigDecimal("30.0000000"), new BigDecimal("0.03000000"), USDT,
                        new BigDecimal("0.50000"), new BigDecimal("50.0000000"), new BigDecimal("0.05000000")),
                "{\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"marketId\":\"BTC-USDT\",\"tradeId\":\"BTC-USDT-7\","
                        + "\"liquidity\":\"MAKER\",\"price\":\"100.00\",\"quantity\":\"0.30000\",\"quoteQuantity\":\"30.0000000\","
                        + "\"fee\":\"0.03000000\",\"feeAsset\":\"USDT\",\"filledQuantity\":\"0.50000\","
                        + "\"filledQuoteQuantity\":\"50.0000000\",\"fees\":\"0.05000000\"}");
        pinned(new OrderClosedEvent(ORDER, ALICE, BTC_USDT, OrderStatus.FILLED, null, new BigDecimal("0.50000"),
                        new BigDecimal("50.0000000"), new BigDecimal("100.0000000000"), new BigDecimal("0.05000000")),
                "{\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"marketId\":\"BTC-USDT\",\"status\":\"FILLED\",\"reason\":null,"
                        + "\"filledQuantity\":\"0.50000\",\"filledQuoteQuantity\":\"50.0000000\","
                        + "\"averagePrice\":\"100.0000000000\",\"fees\":\"0.05000000\"}");
        pinned(new OrderClosedEvent(ORDER, ALICE, BTC_USDT, OrderStatus.EXPIRED, "NO_LIQUIDITY", BigDecimal.ZERO,
                        BigDecimal.ZERO, null, BigDecimal.ZERO),
                "{\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"marketId\":\"BTC-USDT\",\"status\":\"EXPIRED\","
                        + "\"reason\":\"NO_LIQUIDITY\",\"filledQuantity\":\"0\",\"filledQuoteQuantity\":\"0\","
                        + "\"averagePrice\":null,\"fees\":\"0\"}");
    }

    @Test
    void tradeSettledRevision1() {
        pinned(new TradeSettledEvent(TRADE, BTC_USDT, 7, new BigDecimal("100.00"), new BigDecimal("0.30000"),
                        new BigDecimal("30.0000000"), ORDER, ALICE, OrderId.of("o-2"), BOB, OrderSide.SELL,
                        new BigDecimal("0.03000000"), new BigDecimal("0.06000000"), USDT, AccountId.of("fees:BTC-USDT")),
                "{\"tradeId\":\"BTC-USDT-7\",\"marketId\":\"BTC-USDT\",\"sequence\":7,\"price\":\"100.00\","
                        + "\"quantity\":\"0.30000\",\"quoteQuantity\":\"30.0000000\",\"buyerOrderId\":\"o-1\","
                        + "\"buyerAccountId\":\"a-1\",\"sellerOrderId\":\"o-2\",\"sellerAccountId\":\"b-2\","
                        + "\"takerSide\":\"SELL\",\"buyerFee\":\"0.03000000\",\"sellerFee\":\"0.06000000\","
                        + "\"feeAsset\":\"USDT\",\"feeAccountId\":\"fees:BTC-USDT\"}");
    }

    @Test
    void settlementPostingsRevision1() {
        pinned(new TradeSettledOnAccountEvent(ALICE, TRADE, ORDER, USDT, new BigDecimal("30.03000000"),
                        new BigDecimal("20.07000000"), BTC, new BigDecimal("0.30000"), new BigDecimal("0.30000000"),
                        new BigDecimal("0.03000000")),
                "{\"accountId\":\"a-1\",\"tradeId\":\"BTC-USDT-7\",\"orderId\":\"o-1\",\"debitAsset\":\"USDT\","
                        + "\"debitAmount\":\"30.03000000\",\"debitHeldAfter\":\"20.07000000\",\"creditAsset\":\"BTC\","
                        + "\"creditAmount\":\"0.30000\",\"creditAvailableAfter\":\"0.30000000\",\"fee\":\"0.03000000\"}");
        pinned(new FeeCollectedEvent(AccountId.of("fees:BTC-USDT"), TRADE, USDT, new BigDecimal("0.09000000"),
                        new BigDecimal("1.09000000")),
                "{\"accountId\":\"fees:BTC-USDT\",\"tradeId\":\"BTC-USDT-7\",\"asset\":\"USDT\",\"amount\":\"0.09000000\","
                        + "\"availableAfter\":\"1.09000000\"}");
    }

    @Test
    void holdEventsOfTheSettlementFlowRevision1() {
        pinned(new HoldVoidedEvent(ALICE, ORDER), "{\"accountId\":\"a-1\",\"orderId\":\"o-1\"}");
        pinned(new FundsReservationRejectedEvent(ALICE, ORDER, USDT, BigDecimal.ZERO, BigDecimal.ZERO),
                "{\"accountId\":\"a-1\",\"orderId\":\"o-1\",\"asset\":\"USDT\",\"requested\":\"0\",\"available\":\"0\"}");
    }
}
