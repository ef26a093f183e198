package org.exchange.command.market;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.exchange.api.order.OrderSide;
import org.exchange.platform.axon.AxonSerializationAutoConfiguration;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchange.command.market.BookOrders.NOW;
import static org.exchange.command.market.BookOrders.OPENED;
import static org.exchange.command.market.BookOrders.limit;
import static org.exchange.command.market.BookOrders.stopLimit;
import static org.exchange.command.market.BookOrders.submit;

/**
 * A market snapshot is stored data: this pins the JSON of revision {@value Market#SNAPSHOT_REVISION}
 * (ADR 0019). If it fails, a change altered the stored form: bump {@code Market.SNAPSHOT_REVISION}
 * (older snapshots are then ignored and rebuilt) and pin the new form here.
 */
class MarketSnapshotFormatTest {

    private final Serializer serializer = new AxonSerializationAutoConfiguration().serializer();

    @Test
    void revision1HoldsTheRulesTheBookTheParkedStopsAndEveryOutcome() {
        MarketReplica market = new MarketReplica(NOW, true);
        market.given(List.of(OPENED));
        market.handle(submit("o-1", "alice", limit(OrderSide.BUY, "100.00", "0.500")));
        market.handle(submit("o-2", "bob", limit(OrderSide.SELL, "100.00", "0.200")));
        market.handle(submit("o-3", "bob", stopLimit(OrderSide.SELL, "90.00", "89.00", "0.100")));

        SerializedObject<String> json = serializer.serialize(market.load(), String.class);

        assertThat(json.getType().getName()).isEqualTo("org.exchange.command.market.Market");
        assertThat(json.getType().getRevision()).isEqualTo("1");
        assertThat(json.getData()).isEqualTo("PIN");
    }

    @Test
    void aPinnedRevision1SnapshotIsReadBackToTheSameMarket() {
        MarketReplica market = new MarketReplica(NOW, true);
        market.given(List.of(OPENED));
        market.handle(submit("o-1", "alice", limit(OrderSide.BUY, "100.00", "0.500")));
        Market restored = serializer.deserialize(serializer.serialize(market.load(), byte[].class));

        assertThat(restored.snapshot()).isEqualTo(market.load().snapshot());
        assertThat(restored.outcomeOf(org.exchange.api.order.OrderId.of("o-1")).executedQuantity())
                .isEqualByComparingTo(BigDecimal.ZERO);
    }
}
