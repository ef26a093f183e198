package org.exchange.platform.axon;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.AccountOpenedEvent;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservationRejectedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.OpenOrderLimitReachedEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketHaltedEvent;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.MarketResumedEvent;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.order.OrderId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored events are permanent: these tests pin the exact JSON of each event revision. If one fails,
 * a change altered the stored format — add a new revision and an upcaster instead of editing this.
 */
class StoredEventFormatTest {

    private final Serializer serializer = new AxonSerializationAutoConfiguration().eventSerializer();

    @Test
    void fundsDepositedRevision1IsWrittenWithDecimalStrings() {
        FundsDepositedEvent event = new FundsDepositedEvent(AccountId.of("a-1"), DepositId.of("d-1"), Asset.of("USDT"),
                new BigDecimal("1000.00000000"), new BigDecimal("1000.00000001"));

        SerializedObject<String> json = serializer.serialize(event, String.class);

        assertThat(json.getData()).isEqualTo(
                "{\"accountId\":\"a-1\",\"depositId\":\"d-1\",\"asset\":\"USDT\",\"amount\":\"1000.00000000\",\"availableAfter\":\"1000.00000001\"}");
        assertThat(json.getType().getRevision()).isEqualTo("1");
    }

    @Test
    void tinyAmountsAreWrittenInPlainNotation() {
        FundsDepositedEvent event = new FundsDepositedEvent(AccountId.of("a-1"), DepositId.of("d-1"), Asset.of("BTC"),
                new BigDecimal("0.00000001"), new BigDecimal("0.00000001"));

        assertThat(serializer.serialize(event, String.class).getData())
                .contains("\"amount\":\"0.00000001\"").doesNotContain("E-");
    }

    @Test
    void amountsStoredInScientificNotationAreStillReadExactly() {
        String stored = "{\"accountId\":\"a-1\",\"depositId\":\"d-1\",\"asset\":\"BTC\",\"amount\":\"1E-8\",\"availableAfter\":\"1E-8\"}";

        FundsDepositedEvent event = serializer.deserialize(new SimpleSerializedObject<>(stored, String.class,
                new SimpleSerializedType(FundsDepositedEvent.class.getName(), "1")));

        assertThat(event.amount()).isEqualByComparingTo("0.00000001");
    }

    @Test
    void fundsDepositedRevision1IsReadBackExactly() {
        String stored = "{\"accountId\":\"a-1\",\"depositId\":\"d-1\",\"asset\":\"BTC\",\"amount\":\"0.00000001\",\"availableAfter\":\"12345678901.00000001\"}";

        FundsDepositedEvent event = serializer.deserialize(new SimpleSerializedObject<>(stored, String.class,
                new SimpleSerializedType(FundsDepositedEvent.class.getName(), "1")));

        assertThat(event.amount()).isEqualByComparingTo("0.00000001");
        assertThat(event.availableAfter().toPlainString()).isEqualTo("12345678901.00000001");
        assertThat(event.asset()).isEqualTo(Asset.of("BTC"));
    }

    @Test
    void accountOpenedRevision1IsWrittenAsPlainJson() {
        SerializedObject<String> json = serializer.serialize(new AccountOpenedEvent(AccountId.of("a-1"), "alice"), String.class);

        assertThat(json.getData()).isEqualTo("{\"accountId\":\"a-1\",\"owner\":\"alice\"}");
        assertThat(json.getType().getRevision()).isEqualTo("1");
    }

    @Test
    void marketEventsRevision1AreWrittenWithDecimalStrings() {
        MarketId market = MarketId.of("BTC-USDT");
        MarketSpec spec = new MarketSpec(Asset.of("BTC"), Asset.of("USDT"), new BigDecimal("0.01"), new BigDecimal("0.00001"),
                new BigDecimal("0.00001"), new BigDecimal("1000"), new BigDecimal("5"), new BigDecimal("0.001"),
                new BigDecimal("0.002"));

        assertThat(serializer.serialize(new MarketOpenedEvent(market, spec), String.class).getData()).isEqualTo(
                "{\"marketId\":\"BTC-USDT\",\"spec\":{\"base\":\"BTC\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
                        + "\"stepSize\":\"0.00001\",\"minQuantity\":\"0.00001\",\"maxQuantity\":\"1000\",\"minNotional\":\"5\","
                        + "\"makerFeeRate\":\"0.001\",\"takerFeeRate\":\"0.002\"}}");
        assertThat(serializer.serialize(new MarketHaltedEvent(market, "maintenance"), String.class).getData())
                .isEqualTo("{\"marketId\":\"BTC-USDT\",\"reason\":\"maintenance\"}");
        assertThat(serializer.serialize(new MarketResumedEvent(market), String.class).getData())
                .isEqualTo("{\"marketId\":\"BTC-USDT\"}");
    }

    @Test
    void holdEventsRevision1AreWrittenWithDecimalStrings() {
        AccountId account = AccountId.of("a-1");
        OrderId order = OrderId.of("o-1");
        Asset usdt = Asset.of("USDT");

        assertThat(serializer.serialize(new FundsReservedEvent(account, order, usdt, new BigDecimal("30.00000000"),
                new BigDecimal("70.00000000"), new BigDecimal("30.00000000")), String.class).getData()).isEqualTo(
                "{\"accountId\":\"a-1\",\"orderId\":\"o-1\",\"asset\":\"USDT\",\"amount\":\"30.00000000\","
                        + "\"availableAfter\":\"70.00000000\",\"heldAfter\":\"30.00000000\"}");
        assertThat(serializer.serialize(new FundsReservationRejectedEvent(account, order, usdt, new BigDecimal("5"),
                new BigDecimal("0.00000000")), String.class).getData()).isEqualTo(
                "{\"accountId\":\"a-1\",\"orderId\":\"o-1\",\"asset\":\"USDT\",\"requested\":\"5\",\"available\":\"0.00000000\"}");
        assertThat(serializer.serialize(new FundsReleasedEvent(account, order, usdt, new BigDecimal("30.00000000"),
                new BigDecimal("100.00000000"), new BigDecimal("0E-8")), String.class).getData()).isEqualTo(
                "{\"accountId\":\"a-1\",\"orderId\":\"o-1\",\"asset\":\"USDT\",\"amount\":\"30.00000000\","
                        + "\"availableAfter\":\"100.00000000\",\"heldAfter\":\"0.00000000\"}");
    }

    @Test
    void openOrderLimitReachedRevision1IsWrittenWithTheLimitInForceAndReadBack() {
        OpenOrderLimitReachedEvent event = new OpenOrderLimitReachedEvent(AccountId.of("a-1"), OrderId.of("o-3"),
                Asset.of("USDT"), new BigDecimal("10.00000000"), 2, 2);
        OpenOrderLimitReachedEvent allAvailable = new OpenOrderLimitReachedEvent(AccountId.of("a-1"),
                OrderId.of("o-4"), Asset.of("USDT"), null, 200, 200);

        SerializedObject<String> json = serializer.serialize(event, String.class);

        assertThat(json.getType().getRevision()).isEqualTo("1");
        assertThat(json.getData()).isEqualTo("{\"accountId\":\"a-1\",\"orderId\":\"o-3\",\"asset\":\"USDT\","
                + "\"requested\":\"10.00000000\",\"openOrders\":2,\"limit\":2}");
        assertThat((Object) serializer.deserialize(json)).isEqualTo(event);
        assertThat((Object) serializer.deserialize(serializer.serialize(allAvailable, String.class))).isEqualTo(allAvailable);
    }
}
