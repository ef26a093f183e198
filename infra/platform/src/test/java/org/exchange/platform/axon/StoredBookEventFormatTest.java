package org.exchange.platform.axon;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.OrderAcceptedByBookEvent;
import org.exchange.api.market.OrderLeftBookEvent;
import org.exchange.api.market.OrderRejectedByBookEvent;
import org.exchange.api.market.OrderRestedEvent;
import org.exchange.api.market.StopOrderTriggeredEvent;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.api.trade.TradeId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book's events (Market aggregate) are permanent: these tests pin their exact JSON, revision 1.
 * If one fails, a change altered the stored format — add a revision and an upcaster instead.
 */
class StoredBookEventFormatTest {

    private static final MarketId MARKET = MarketId.of("BTC-USDT");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final AccountId ACCOUNT = AccountId.of("a-1");

    private final Serializer serializer = new AxonSerializationAutoConfiguration().eventSerializer();

    @Test
    void orderAcceptedByBookRevision1CarriesTheTermsAndTheEngineInputs() {
        OrderTerms terms = new OrderTerms(MARKET, OrderSide.BUY, OrderType.STOP_LIMIT, TimeInForce.GTC,
                new BigDecimal("102.00"), new BigDecimal("1.000"), null, new BigDecimal("101.00"), SelfTradeMode.EXPIRE_MAKER);
        OrderAcceptedByBookEvent event = new OrderAcceptedByBookEvent(MARKET, ORDER, ACCOUNT, terms, 7, 2, 10_200, 1_000, 0,
                new BigDecimal("102.25500000"));

        SerializedObject<String> json = serializer.serialize(event, String.class);

        assertThat(json.getData()).isEqualTo("{\"marketId\":\"BTC-USDT\",\"orderId\":\"o-1\",\"accountId\":\"a-1\","
                + "\"terms\":{\"marketId\":\"BTC-USDT\",\"side\":\"BUY\",\"type\":\"STOP_LIMIT\",\"timeInForce\":\"GTC\","
                + "\"price\":\"102.00\",\"quantity\":\"1.000\",\"quoteQuantity\":null,\"stopPrice\":\"101.00\","
                + "\"selfTradeMode\":\"EXPIRE_MAKER\"},\"engineOrderId\":7,\"engineAccountId\":2,\"priceTicks\":10200,"
                + "\"quantityLots\":1000,\"quoteBudget\":0,\"quoteHold\":\"102.25500000\"}");
        assertThat(json.getType().getRevision()).isEqualTo("1");
        assertThat(readBack(json, OrderAcceptedByBookEvent.class)).isEqualTo(event);
    }

    @Test
    void tradeExecutedRevision1IsWrittenWithDecimalStrings() {
        TradeExecutedEvent event = new TradeExecutedEvent(TradeId.of(MARKET, 3), MARKET, 3, new BigDecimal("123.45"),
                new BigDecimal("0.007"), new BigDecimal("0.86415"), OrderId.of("maker"), AccountId.of("alice"),
                OrderId.of("taker"), AccountId.of("bob"), OrderSide.SELL, new BigDecimal("0.00064811"),
                new BigDecimal("0.00108018"), Asset.of("USDT"));

        SerializedObject<String> json = serializer.serialize(event, String.class);

        assertThat(json.getData()).isEqualTo("{\"tradeId\":\"BTC-USDT-3\",\"marketId\":\"BTC-USDT\",\"sequence\":3,"
                + "\"price\":\"123.45\",\"quantity\":\"0.007\",\"quoteQuantity\":\"0.86415\",\"makerOrderId\":\"maker\","
                + "\"makerAccountId\":\"alice\",\"takerOrderId\":\"taker\",\"takerAccountId\":\"bob\",\"takerSide\":\"SELL\","
                + "\"makerFee\":\"0.00064811\",\"takerFee\":\"0.00108018\",\"feeAsset\":\"USDT\"}");
        assertThat(json.getType().getRevision()).isEqualTo("1");
        assertThat(readBack(json, TradeExecutedEvent.class)).isEqualTo(event);
    }

    @Test
    void outcomeEventsRevision1AreWrittenAsPlainJson() {
        assertThat(serializer.serialize(new OrderRejectedByBookEvent(MARKET, ORDER, ACCOUNT, "WOULD_TAKE"), String.class)
                .getData()).isEqualTo("{\"marketId\":\"BTC-USDT\",\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"reason\":\"WOULD_TAKE\"}");
        assertThat(serializer.serialize(new OrderRestedEvent(MARKET, ORDER, ACCOUNT, new BigDecimal("100.00"),
                new BigDecimal("0.600")), String.class).getData()).isEqualTo(
                "{\"marketId\":\"BTC-USDT\",\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"price\":\"100.00\",\"remainingQuantity\":\"0.600\"}");
        assertThat(serializer.serialize(new OrderLeftBookEvent(MARKET, ORDER, ACCOUNT, OrderStatus.EXPIRED, "SELF_TRADE",
                new BigDecimal("0.400")), String.class).getData()).isEqualTo(
                "{\"marketId\":\"BTC-USDT\",\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"outcome\":\"EXPIRED\","
                        + "\"reason\":\"SELF_TRADE\",\"executedQuantity\":\"0.400\"}");
        assertThat(serializer.serialize(new StopOrderTriggeredEvent(MARKET, ORDER, ACCOUNT, new BigDecimal("101.00"), 7),
                String.class).getData()).isEqualTo(
                "{\"marketId\":\"BTC-USDT\",\"orderId\":\"o-1\",\"accountId\":\"a-1\",\"lastPrice\":\"101.00\",\"engineOrderId\":7}");
    }

    @Test
    void everyBookEventIsRevision1() {
        assertThat(java.util.stream.Stream.of(
                        new OrderRejectedByBookEvent(MARKET, ORDER, ACCOUNT, "MARKET_HALTED"),
                        new OrderRestedEvent(MARKET, ORDER, ACCOUNT, BigDecimal.ONE, BigDecimal.ONE),
                        new OrderLeftBookEvent(MARKET, ORDER, ACCOUNT, OrderStatus.CANCELED, null, BigDecimal.ZERO),
                        new StopOrderTriggeredEvent(MARKET, ORDER, ACCOUNT, BigDecimal.ONE, 1))
                .map(event -> serializer.serialize(event, String.class).getType().getRevision()))
                .containsOnly("1");
    }

    private <T> T readBack(SerializedObject<String> json, Class<T> type) {
        return serializer.deserialize(new SimpleSerializedObject<>(json.getData(), String.class,
                new SimpleSerializedType(type.getName(), json.getType().getRevision())));
    }
}
