package org.exchange.command.market.engine.bench;

import org.exchange.command.market.engine.LimitOrderBook;
import org.exchange.command.market.engine.OrderBook;
import org.exchange.command.market.engine.ReferenceOrderBook;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the benchmark's own code in this JVM on a small flow, so that a change to the engine, the
 * generator or the benchmark that breaks {@code ./exchange bench engine} fails the build instead.
 */
class EngineBenchmarkSmokeTest {

    private static final int COMMANDS = 20_000;

    @Test
    void engineAndReferenceReplayEveryCommandOfAPassWithTheSameTrades() throws IOException {
        EngineBenchmark benchmark = new EngineBenchmark();
        EngineBenchmark.Replay engine = replay(EngineBenchmark.Replay.ENGINE, EngineBenchmark.Replay.STANDARD_FLOW);
        EngineBenchmark.Replay reference = replay(EngineBenchmark.Replay.REFERENCE, EngineBenchmark.Replay.STANDARD_FLOW);
        int pass = engine.commandsPerPass();

        for (int i = 0; i < pass; i++) {
            benchmark.throughput(engine);
            benchmark.latency(reference);
        }

        assertThat(pass).isEqualTo(reference.commandsPerPass()).isGreaterThan(COMMANDS);
        assertThat(engine.passes).isEqualTo(1);
        assertThat(engine.position()).isZero();
        assertThat(reference.passes).isEqualTo(1);
        // every command ends in exactly one final outcome for the commanded order
        assertThat(engine.listener.accepted + engine.listener.rejected + engine.listener.canceled
                + engine.listener.cancelsRejected).isEqualTo(pass);
        assertThat(engine.listener.trades).isPositive().isEqualTo(reference.listener.trades);
        assertThat(engine.listener.tradedLots).isEqualTo(reference.listener.tradedLots);
        assertThat(engine.listener.selfTradeExpiries).isPositive().isEqualTo(reference.listener.selfTradeExpiries);
        assertThat(engine.orderBook.restingOrderCount()).as("a pass ends with an empty book").isZero();
        assertThat(reference.orderBook.restingOrderCount()).isZero();
    }

    @Test
    void aSecondPassOnTheSameBookRepeatsTheFirst() throws IOException {
        EngineBenchmark benchmark = new EngineBenchmark();
        EngineBenchmark.Replay engine = replay(EngineBenchmark.Replay.ENGINE, EngineBenchmark.Replay.STANDARD_FLOW);
        int pass = engine.commandsPerPass();

        for (int i = 0; i < pass; i++) {
            benchmark.throughput(engine);
        }
        long firstPassTrades = engine.listener.trades;
        long firstPassEvents = engine.listener.events();
        for (int i = 0; i < pass; i++) {
            benchmark.throughput(engine);
        }

        assertThat(engine.listener.trades).isEqualTo(2 * firstPassTrades);
        assertThat(engine.listener.events()).isEqualTo(2 * firstPassEvents);
    }

    @Test
    void replaysAFlowFile() throws IOException {
        EngineBenchmark.Replay engine = replay(EngineBenchmark.Replay.ENGINE, sampleFlow().toString());

        for (int i = 0; i < engine.commandsPerPass(); i++) {
            new EngineBenchmark().throughput(engine);
        }

        assertThat(engine.replayable.originalCommands()).isEqualTo(1_000);
        assertThat(engine.passes).isEqualTo(1);
        assertThat(engine.listener.trades).isPositive();
        assertThat(engine.orderBook.restingOrderCount()).isZero();
    }

    @Test
    void footprintFillsBothBooksWithRestingOrdersOnly() {
        for (String book : new String[] {EngineBenchmark.Replay.ENGINE, EngineBenchmark.Replay.REFERENCE}) {
            CountingListener listener = new CountingListener();
            OrderBook orderBook = book.equals(EngineBenchmark.Replay.ENGINE)
                    ? new LimitOrderBook(listener, 10_000, 1_024)
                    : new ReferenceOrderBook(listener);

            RestingOrderFootprint.fill(orderBook, 10_000, 1);

            assertThat(orderBook.restingOrderCount()).as(book).isEqualTo(10_000);
            assertThat(listener.trades).as(book).isZero();
        }
    }

    @Test
    void profileDescribesTheFlow() throws IOException {
        FlowProfile profile = FlowProfile.of(
                EngineBenchmark.Replay.flow(EngineBenchmark.Replay.STANDARD_FLOW, COMMANDS, 1).endingWithEmptyBook());

        assertThat(profile.originalCommands()).isEqualTo(COMMANDS);
        assertThat(profile.describe()).contains("commands per pass").contains("trades/command");
        assertThat(profile.json()).startsWith("{").endsWith("}");
    }

    private static EngineBenchmark.Replay replay(String book, String flow) throws IOException {
        EngineBenchmark.Replay replay = new EngineBenchmark.Replay();
        replay.book = book;
        replay.flow = flow;
        replay.commands = COMMANDS;
        replay.seed = 1;
        replay.setUp();
        return replay;
    }

    private static Path sampleFlow() {
        try {
            return Path.of(EngineBenchmarkSmokeTest.class.getResource("/flows/sample-flow.csv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
