package org.exchange.command.market.engine.bench;

import org.exchange.command.market.engine.FlowFile;
import org.exchange.command.market.engine.OrderType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

class OrderFlowGeneratorTest {

    @Test
    void sameSeedGivesTheSameFlow() {
        OrderFlow first = OrderFlowGenerator.standardFlow(7, 30_000);
        OrderFlow second = OrderFlowGenerator.standardFlow(7, 30_000);
        OrderFlow otherSeed = OrderFlowGenerator.standardFlow(8, 30_000);

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void writtenFlowFileReadsBackAsTheSameCommands(@TempDir Path directory) throws IOException {
        OrderFlow generated = new OrderFlowGenerator(3, OrderFlowGenerator.Mix.FLOW_FILE_V1).generate(20_000);
        Path file = directory.resolve("flow.csv");

        generated.writeV1(file, OrderFlowGenerator.MARKET, OrderFlowGenerator.TICK_SIZE, OrderFlowGenerator.LOT_SIZE);
        FlowFile read = FlowFile.read(file);

        assertThat(read.commandCount()).isEqualTo(20_000);
        assertThat(read.market()).isEqualTo("BTC-USDT");
        assertThat(read.tickSize()).isEqualTo("0.01");
        assertThat(read.lotSize()).isEqualTo("0.00001");
        assertThat(OrderFlow.of(read)).isEqualTo(generated);
    }

    @Test
    void refusesToWritePostOnlyOrdersThatFormatV1CannotExpress() {
        OrderFlow standard = OrderFlowGenerator.standardFlow(1, 1_000);

        assertThatIllegalStateException()
                .isThrownBy(() -> standard.writeV1(new StringWriter(), "BTC-USDT", "0.01", "0.00001"))
                .withMessageContaining("LIMIT_MAKER");
    }

    @Test
    void standardFlowFollowsItsMix() {
        OrderFlow flow = OrderFlowGenerator.standardFlow(11, 200_000);
        long[] placesByType = new long[OrderType.values().length];
        long cancels = 0;
        for (int i = 0; i < flow.size(); i++) {
            if (flow.isCancel(i)) {
                cancels++;
            } else {
                placesByType[flow.type(i).ordinal()]++;
            }
        }
        long places = flow.size() - cancels;

        for (OrderType type : OrderType.values()) {
            double expected = OrderFlowGenerator.Mix.STANDARD.percentOf(type) / 100.0;
            assertThat((double) placesByType[type.ordinal()] / places).as("share of %s among places", type)
                    .isCloseTo(expected, within(0.01));
        }
        // cancels rise with the book until they and fills balance new resting orders
        assertThat((double) cancels / flow.size()).as("share of cancels").isBetween(0.30, 0.55);
    }

    @Test
    void standardFlowTradesSelfTradesAndCancelsGoneOrdersWithABoundedBook() {
        FlowProfile profile = FlowProfile.of(OrderFlowGenerator.standardFlow(11, 200_000).endingWithEmptyBook());

        assertThat(profile.share(profile.trades())).as("trades per command").isBetween(0.02, 0.3);
        assertThat(profile.selfTradeExpiries()).isPositive();
        assertThat(profile.rejected()).as("post-only orders that would take").isPositive();
        assertThat(profile.share(profile.cancelsNotFound())).as("cancels racing a fill").isBetween(0.005, 0.05);
        assertThat(profile.peakRestingOrders()).isBetween(2_000, 50_000);
    }

    @Test
    void aFlowEndingWithAnEmptyBookAppendsOnlyCancels() {
        OrderFlow flow = OrderFlowGenerator.standardFlow(5, 10_000);

        OrderFlow.ReplayableFlow replayable = flow.endingWithEmptyBook();

        assertThat(replayable.originalCommands()).isEqualTo(10_000);
        assertThat(replayable.flow().size()).isGreaterThan(10_000);
        for (int i = 0; i < replayable.flow().size(); i++) {
            if (i < flow.size()) {
                assertThat(replayable.flow().orderId(i)).isEqualTo(flow.orderId(i));
            } else {
                assertThat(replayable.flow().isCancel(i)).as("command %d", i).isTrue();
            }
        }
    }

    @Test
    void aFlowOverMoreAccountsSpreadsItsOrdersOverAllOfThem() {
        OrderFlow flow = new OrderFlowGenerator(1, OrderFlowGenerator.Mix.STANDARD, 100).generate(20_000);

        Set<Long> accounts = new HashSet<>();
        for (int i = 0; i < flow.size(); i++) {
            accounts.add(flow.accountId(i));
        }
        assertThat(accounts).hasSize(100).allSatisfy(account -> assertThat(account).isBetween(1L, 100L));
        assertThat(new OrderFlowGenerator(1, OrderFlowGenerator.Mix.STANDARD, OrderFlowGenerator.ACCOUNTS).generate(5_000))
                .isEqualTo(OrderFlowGenerator.standardFlow(1, 5_000));
    }
}
