package org.exchange.command.market.engine.bench;

import org.exchange.command.market.engine.LimitOrderBook;
import org.exchange.command.market.engine.OrderBook;
import org.exchange.command.market.engine.ReferenceOrderBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One matching engine on one thread, fed an order flow one command per benchmark operation, so that
 * throughput is commands per second and a latency sample is one command. The flow ends by
 * canceling what still rests, and replay goes round it on the same book: no book is created while
 * measuring, and what {@code -prof gc} reports per operation is the engine's own allocation.
 *
 * <p>Run through {@code ./exchange bench engine}, which sets forks, iterations and the profiler
 * (see {@link EngineBenchmarkRunner}); the annotations are the defaults for a direct JMH run.
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {

    /** A book, its flow and the place in the flow; one per benchmark thread (there is one). */
    @State(Scope.Thread)
    public static class Replay {

        public static final String ENGINE = "engine";
        public static final String REFERENCE = "reference";
        public static final String STANDARD_FLOW = "standard";

        /** {@value #ENGINE} ({@link LimitOrderBook}) or {@value #REFERENCE} ({@link ReferenceOrderBook}). */
        @Param({ENGINE, REFERENCE})
        public String book;

        /** {@value #STANDARD_FLOW} for {@link OrderFlowGenerator#standardFlow}, else a flow file (CSV v1). */
        @Param(STANDARD_FLOW)
        public String flow;

        /** Length of the standard flow; ignored for a flow file. */
        @Param("1000000")
        public int commands;

        @Param("1")
        public long seed;

        public CountingListener listener;
        public OrderBook orderBook;
        public OrderFlow.ReplayableFlow replayable;
        private OrderFlow commandsToReplay;
        private int size;
        private int next;
        /** Completed passes over the flow; each ends with an empty book. */
        public long passes;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            replayable = flow(flow, commands, seed).endingWithEmptyBook();
            commandsToReplay = replayable.flow();
            size = commandsToReplay.size();
            listener = new CountingListener();
            orderBook = switch (book) {
                // presized for the flow's peak, so that the pools never grow while measuring
                case ENGINE -> new LimitOrderBook(listener, Math.max(1_024, replayable.peakRestingOrders()), 4_096);
                case REFERENCE -> new ReferenceOrderBook(listener);
                default -> throw new IllegalArgumentException("book must be engine or reference, not " + book);
            };
        }

        /** The flow a {@link #flow} parameter names. */
        public static OrderFlow flow(String flow, int commands, long seed) throws IOException {
            return STANDARD_FLOW.equals(flow) ? OrderFlowGenerator.standardFlow(seed, commands) : OrderFlow.read(Path.of(flow));
        }

        /** Feeds the next command of the flow to the book, going back to the start after the last. */
        public void replayNext() {
            commandsToReplay.replayCommand(orderBook, next);
            if (++next == size) {
                next = 0;
                passes++;
            }
        }

        /** Commands in one pass over the flow. */
        public int commandsPerPass() {
            return size;
        }

        /** Index of the next command to replay. */
        public int position() {
            return next;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void throughput(Replay replay) {
        replay.replayNext();
    }

    /** The time of single commands, sampled; percentiles include the cost of reading the clock. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void latency(Replay replay) {
        replay.replayNext();
    }
}
