package org.exchange.command.market.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Holds the engine to its performance shape: with pools big enough for the flow, matching and
 * reporting allocate nothing. Uses HotSpot's per-thread allocation counter, so it is skipped on
 * JVMs without one.
 */
class SteadyStateAllocationTest {

    @Test
    void replayingAFlowIntoAPresizedBookAllocatesNothing() throws IOException {
        FlowFile flow = sampleFlow();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        long thread = Thread.currentThread().threadId();
        CountingListener listener = new CountingListener();
        // warm up, so that class loading and first-call work are not counted
        for (int i = 0; i < 20; i++) {
            flow.replay(new LimitOrderBook(listener, 4_096, 256));
        }
        LimitOrderBook book = new LimitOrderBook(listener, 4_096, 256);

        long before = threads.getThreadAllocatedBytes(thread);
        int commands = flow.replay(book);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(commands).isEqualTo(1_000);
        assertThat(listener.events).isPositive();
        // a single object per command would be at least 16,000 bytes; allow for the counter's own noise
        assertThat(allocated).as("bytes allocated while replaying %d commands", commands).isLessThan(1_024);
    }

    private static FlowFile sampleFlow() throws IOException {
        try (InputStream in = SteadyStateAllocationTest.class.getResourceAsStream("/flows/sample-flow.csv")) {
            assertThat(in).isNotNull();
            return FlowFile.parse(in.readAllBytes());
        }
    }

    /** Counts events without keeping them, so the listener allocates nothing either. */
    private static final class CountingListener implements OrderBookListener {
        long events;

        @Override public void onAccepted(long orderId) { events++; }
        @Override public void onRejected(long orderId, RejectReason reason) { events++; }
        @Override public void onTrade(long makerOrderId, long takerOrderId, long makerAccountId, long takerAccountId,
                                      long priceTicks, long quantityLots, Side takerSide) { events++; }
        @Override public void onFilled(long orderId) { events++; }
        @Override public void onRested(long orderId, long priceTicks, long remainingLots) { events++; }
        @Override public void onExpired(long orderId, long remainingLots, long unspentQuote, ExpiryReason reason) { events++; }
        @Override public void onCanceled(long orderId, long remainingLots) { events++; }
        @Override public void onCancelRejected(long orderId, RejectReason reason) { events++; }
    }
}
