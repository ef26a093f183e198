package org.exchange.command.market;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.platform.axon.AxonSerializationAutoConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchange.command.market.BookOrders.NOW;
import static org.exchange.command.market.BookOrders.OPENED;
import static org.exchange.command.market.BookOrders.limit;
import static org.exchange.command.market.BookOrders.stopLimit;
import static org.exchange.command.market.BookOrders.submit;

/**
 * A market snapshot is stored data: this pins the JSON of revision {@value Market#SNAPSHOT_REVISION}
 * (ADR 0022). If it fails, a change altered the stored form: bump {@code Market.SNAPSHOT_REVISION}
 * (older snapshots are then ignored and rebuilt) and pin the new form here.
 */
class MarketSnapshotFormatTest {

    /**
     * Revision 1 (until 2026-11-22), no longer read: a market with one partly filled resting buy, one
     * parked stop and the outcome of every order ever submitted, without the time of its decision.
     */
    static final String REVISION_1 = "{\"marketId\":\"BTC-USDT\",\"spec\":{\"base\":\"BTC\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
            + "\"stepSize\":\"0.001\",\"minQuantity\":\"0.001\",\"maxQuantity\":\"1000\",\"minNotional\":\"0\","
            + "\"makerFeeRate\":\"0.00075\",\"takerFeeRate\":\"0.00125\"},\"halted\":false,\"lastEngineOrderId\":3,"
            + "\"tradeSequence\":1,\"lastTradePriceTicks\":10000,\"engineAccounts\":{\"alice\":1,\"bob\":2},"
            + "\"book\":[{\"engineOrderId\":1,\"orderId\":\"o-1\",\"accountId\":\"alice\",\"engineAccountId\":1,"
            + "\"side\":\"BUY\",\"priceTicks\":10000,\"remainingLots\":300,\"executedLots\":200}],\"parkedStops\":[{\"marketId\":\"BTC-USDT\","
            + "\"orderId\":\"o-3\",\"accountId\":\"bob\",\"terms\":{\"marketId\":\"BTC-USDT\",\"side\":\"SELL\","
            + "\"type\":\"STOP_LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"89.00\",\"quantity\":\"0.100\","
            + "\"quoteQuantity\":null,\"stopPrice\":\"90.00\",\"selfTradeMode\":null},\"engineOrderId\":3,"
            + "\"engineAccountId\":2,\"priceTicks\":8900,\"quantityLots\":100,\"quoteBudget\":0,\"quoteHold\":null}],"
            + "\"outcomes\":[[\"o-1\",\"PARTIALLY_FILLED\",null,\"0.200\"],[\"o-2\",\"FILLED\",null,\"0.200\"],"
            + "[\"o-3\",\"NEW\",null,\"0.000\"]]}";

    /**
     * A market with two resting buys (one partly filled, decided 31 s ago, one just now), one parked
     * stop (decided 11 s ago) and a filled sell decided 31 s ago: only the last 30 s of decisions are
     * listed, with their times; the filled sell is forgotten, the old resting buy follows from the book.
     */
    private static final String REVISION_2 = "{\"marketId\":\"BTC-USDT\",\"spec\":{\"base\":\"BTC\",\"quote\":\"USDT\",\"tickSize\":\"0.01\","
            + "\"stepSize\":\"0.001\",\"minQuantity\":\"0.001\",\"maxQuantity\":\"1000\",\"minNotional\":\"0\","
            + "\"makerFeeRate\":\"0.00075\",\"takerFeeRate\":\"0.00125\"},\"halted\":false,\"lastEngineOrderId\":4,"
            + "\"tradeSequence\":1,\"lastTradePriceTicks\":10000,\"engineAccounts\":{\"alice\":1,\"bob\":2},"
            + "\"book\":[{\"engineOrderId\":1,\"orderId\":\"o-1\",\"accountId\":\"alice\",\"engineAccountId\":1,"
            + "\"side\":\"BUY\",\"priceTicks\":10000,\"remainingLots\":300,\"executedLots\":200},"
            + "{\"engineOrderId\":4,\"orderId\":\"o-4\",\"accountId\":\"alice\",\"engineAccountId\":1,"
            + "\"side\":\"BUY\",\"priceTicks\":9900,\"remainingLots\":100,\"executedLots\":0}],\"parkedStops\":[{\"marketId\":\"BTC-USDT\","
            + "\"orderId\":\"o-3\",\"accountId\":\"bob\",\"terms\":{\"marketId\":\"BTC-USDT\",\"side\":\"SELL\","
            + "\"type\":\"STOP_LIMIT\",\"timeInForce\":\"GTC\",\"price\":\"89.00\",\"quantity\":\"0.100\","
            + "\"quoteQuantity\":null,\"stopPrice\":\"90.00\",\"selfTradeMode\":null},\"engineOrderId\":3,"
            + "\"engineAccountId\":2,\"priceTicks\":8900,\"quantityLots\":100,\"quoteBudget\":0,\"quoteHold\":null}],"
            + "\"outcomes\":[[\"o-3\",\"NEW\",null,\"0.000\",\"2026-11-21T10:00:20Z\"],"
            + "[\"o-4\",\"NEW\",null,\"0.000\",\"2026-11-21T10:00:31Z\"]],"
            + "\"forgottenUpTo\":\"2026-11-21T10:00:00Z\"}";

    private final Serializer serializer = new AxonSerializationAutoConfiguration().serializer();

    @Test
    void revision2HoldsTheRulesTheBookTheParkedStopsAndTheRecentOutcomesWithTheirTimes() {
        SerializedObject<String> json = serializer.serialize(market().load(), String.class);

        assertThat(json.getType().getName()).isEqualTo("org.exchange.command.market.Market");
        assertThat(json.getType().getRevision()).isEqualTo("2");
        assertThat(json.getData()).isEqualTo(REVISION_2);
    }

    @Test
    void aStoredRevision2SnapshotIsReadBackAsTheSameMarketWithTheSameAnswers() {
        Market stored = serializer.deserialize(new SimpleSerializedObject<>(REVISION_2, String.class,
                Market.class.getName(), "2"));
        Market replayed = market().load();

        assertThat(stored.snapshot()).isEqualTo(replayed.snapshot());
        assertThat(stored.bookStateHash()).isEqualTo(replayed.bookStateHash());
        for (String orderId : List.of("o-1", "o-2", "o-3", "o-4")) {
            assertThat(stored.outcomeOf(OrderId.of(orderId))).as(orderId).isEqualTo(replayed.outcomeOf(OrderId.of(orderId)));
        }
        assertThat(stored.outcomeOf(OrderId.of("o-1")).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(stored.outcomeOf(OrderId.of("o-2"))).as("forgotten").isNull();
    }

    private static MarketReplica market() {
        MarketReplica market = new MarketReplica(NOW, true);
        market.given(List.of(OPENED));
        market.handle(submit("o-1", "alice", limit(OrderSide.BUY, "100.00", "0.500")));
        market.handle(submit("o-2", "bob", limit(OrderSide.SELL, "100.00", "0.200")));
        market.handleWhenPlaced(submit("o-3", "bob", stopLimit(OrderSide.SELL, "90.00", "89.00", "0.100"), null,
                NOW.plusSeconds(20)));
        market.handleWhenPlaced(submit("o-4", "alice", limit(OrderSide.BUY, "99.00", "0.100"), BookOrders.PLENTY,
                NOW.plusSeconds(31)));
        return market;
    }
}
