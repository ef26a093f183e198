package org.exchange.loadgen;

import org.exchange.command.market.engine.bench.OrderFlow;
import org.exchange.command.market.engine.bench.OrderFlowGenerator;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the standard flow of each market through the gateway, phase after phase. Market
 * {@code m}'s flow is {@code OrderFlowGenerator(seed + m)} over as many accounts as there are
 * traders (account {@code a} is trader {@code a - 1}); the markets take turns, one command each.
 * A cancel names an order of the flow: it is sent once that order's place answer gave its id, and
 * not at all when the place was refused.
 *
 * <p>At a target rate the run is open-loop: command {@code i} is due at {@code start + i / rate},
 * and its latencies count from then, so a slow answer cannot hide the wait of the commands behind it
 * (at most {@link #MAX_IN_FLIGHT} requests are out at once). At rate 0 ("max") the run is
 * closed-loop: {@code concurrency} requests are out at any time and latencies count from sending.
 */
final class LoadRun {

    static final int MAX_IN_FLIGHT = 2_000;
    private static final int CHUNK = 4_096;
    private static final Pattern LAG = Pattern.compile("^exchange_projection_lag_events\\{.*processor=\"([^\"]+)\".*}\\s+([0-9.eE+]+)$");

    private final Gateway gateway;
    private final BenchTraders traders;
    private final Settlements settlements;
    private final List<BenchMarket> markets;
    private final ComponentUsage components;
    private final String projectionsMetricsUrl;
    private final PrintStream progress;
    private final Cursor[] cursors;
    private final HttpClient metrics = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LoadRun(Gateway gateway, BenchTraders traders, Settlements settlements, List<BenchMarket> markets, long seed,
            ComponentUsage components, String projectionsMetricsUrl, PrintStream progress) {
        this.gateway = gateway;
        this.traders = traders;
        this.settlements = settlements;
        this.markets = markets;
        this.components = components;
        this.projectionsMetricsUrl = projectionsMetricsUrl;
        this.progress = progress;
        this.cursors = new Cursor[markets.size()];
        for (int m = 0; m < markets.size(); m++) {
            cursors[m] = new Cursor(new OrderFlowGenerator(seed + m, OrderFlowGenerator.Mix.STANDARD, traders.count()));
        }
    }

    /** One market's flow, generated a chunk at a time; the orders it placed, by the flow's order id. */
    private static final class Cursor {
        final OrderFlowGenerator generator;
        final Map<Long, CompletableFuture<String>> placed = new ConcurrentHashMap<>();
        OrderFlow chunk;
        int next;

        Cursor(OrderFlowGenerator generator) {
            this.generator = generator;
        }

        int advance() {
            if (chunk == null || next == chunk.size()) {
                chunk = generator.generate(CHUNK);
                next = 0;
            }
            return next++;
        }
    }

    /** Runs one phase: sends for its duration, then waits for answers and settlements (at most {@code drainSeconds}). */
    void run(Phase phase, int drainSeconds) throws InterruptedException {
        Semaphore window = new Semaphore(phase.targetRate > 0 ? MAX_IN_FLIGHT : phase.concurrency);
        components.resetMaxima();
        ComponentUsage.Sample before = components.sample();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        phase.startNanos = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> report(phase, window), 2, 2, TimeUnit.SECONDS);
        try {
            long sent = 0;
            while (true) {
                long now = System.nanoTime();
                long due = phase.targetRate > 0 ? phase.startNanos + (long) (sent * 1e9 / phase.targetRate) : now;
                if (due - phase.startNanos >= phase.durationNanos || now - phase.startNanos >= phase.durationNanos) {
                    break;
                }
                while (due - System.nanoTime() > 0) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                window.acquire();
                int m = (int) (sent % markets.size());
                sent++;
                send(phase, m, phase.targetRate > 0 ? due : System.nanoTime()).whenComplete((ok, failure) -> window.release());
                if (traders.refreshIfOld()) {
                    streams.reauthenticate();
                }
            }
            phase.sendEndNanos = System.nanoTime();
            long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
            int permits = phase.targetRate > 0 ? MAX_IN_FLIGHT : phase.concurrency;
            window.tryAcquire(permits, Math.max(1, drainEnd - System.nanoTime()), TimeUnit.NANOSECONDS);
            while (settlements.unsettled(phase) > 0 && System.nanoTime() < drainEnd) {
                Thread.sleep(50);
            }
        } finally {
            ticker.shutdownNow();
            phase.endNanos = System.nanoTime();
            phase.unsettledAtEnd = settlements.unsettled(phase);
        }
        phase.usage = components.between(before, components.sample());
        sampleLag(phase);
        report(phase, window);
    }

    private OrderStreams streams;

    void streams(OrderStreams streams) {
        this.streams = streams;
    }

    private CompletableFuture<?> send(Phase phase, int m, long originNanos) {
        Cursor cursor = cursors[m];
        int index = cursor.advance();
        OrderFlow flow = cursor.chunk;
        long flowOrderId = flow.orderId(index);
        int trader = (int) flow.accountId(index) - 1;
        if (flow.isCancel(index)) {
            CompletableFuture<String> target = cursor.placed.get(flowOrderId);
            if (target == null) {
                phase.cancelsSkipped.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }
            return target.thenCompose(orderId -> {
                if (orderId == null) {
                    phase.cancelsSkipped.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                }
                phase.cancelsSent.incrementAndGet();
                long sentAt = System.nanoTime();
                return gateway.send(trader, "DELETE", "/api/v1/orders/" + orderId, traders.token(trader), null)
                        .handle((answer, failure) -> {
                            if (failure != null) {
                                phase.refused("TRANSPORT " + rootCause(failure).getClass().getSimpleName());
                            } else if (answer.ok()) {
                                phase.cancelsAccepted.incrementAndGet();
                                phase.cancelToAck.record(System.nanoTime() - sentAt);
                            } else {
                                phase.refused(answer.code());
                            }
                            return null;
                        });
            });
        }
        CompletableFuture<String> placed = new CompletableFuture<>();
        cursor.placed.put(flowOrderId, placed);
        phase.placesSent.incrementAndGet();
        String body = markets.get(m).placeJson(flow.side(index), flow.type(index), flow.price(index), flow.quantity(index));
        return gateway.send(trader, "POST", "/api/v1/orders", traders.token(trader), body)
                .handle((answer, failure) -> {
                    long now = System.nanoTime();
                    String orderId = null;
                    if (failure != null) {
                        phase.refused("TRANSPORT " + rootCause(failure).getClass().getSimpleName());
                    } else if (answer.ok()) {
                        phase.placesAccepted.incrementAndGet();
                        phase.placeToAck.record(now - originNanos);
                        var json = answer.json();
                        orderId = json.path("orderId").asText();
                        settlements.answered(orderId, phase, originNanos, now, json.path("status").asText(),
                                new BigDecimal(json.path("executedQuantity").asText("0")));
                    } else {
                        phase.refused(answer.code());
                    }
                    placed.complete(orderId);
                    return null;
                });
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void report(Phase phase, Semaphore window) {
        try {
            sampleLag(phase);
            components.sample();
            double seconds = (System.nanoTime() - phase.startNanos) / 1e9;
            Latencies.Summary ack = phase.placeToAck.summary();
            Latencies.Summary settled = phase.placeToSettled.summary();
            long lag = phase.projectionLagLast.values().stream().mapToLong(Long::longValue).max().orElse(-1);
            progress.printf("[%s %5.1fs] sent %d (%.0f/s)  accepted %d (%.0f/s)  settled %d (%.0f/s)  p99 ack %s  p99 settled %s"
                            + "  refused %d  errors %d  projection lag %s%n",
                    phase.name, seconds, phase.placesSent.get() + phase.cancelsSent.get(),
                    (phase.placesSent.get() + phase.cancelsSent.get()) / seconds,
                    phase.placesAccepted.get(), phase.placesAccepted.get() / seconds,
                    phase.settled.get(), phase.settled.get() / seconds,
                    ack == null ? "-" : ack.p99() + " ms", settled == null ? "-" : settled.p99() + " ms",
                    phase.refusals.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum()
                            - phase.unexpected(), phase.unexpected(), lag < 0 ? "-" : lag + " events");
        } catch (RuntimeException failure) {
            progress.println("progress: " + failure);
        }
    }

    /** Projection lag from the projections' Prometheus endpoint ({@code exchange_projection_lag_events}). */
    private void sampleLag(Phase phase) {
        try {
            HttpResponse<String> answer = metrics.send(HttpRequest.newBuilder(URI.create(projectionsMetricsUrl))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return;
            }
            for (String line : answer.body().split("\n")) {
                Matcher lag = LAG.matcher(line);
                if (lag.matches()) {
                    long events = (long) Double.parseDouble(lag.group(2));
                    phase.projectionLagLast.put(lag.group(1), events);
                    phase.projectionLagMax.merge(lag.group(1), events, Math::max);
                }
            }
        } catch (Exception unavailable) {
            // projections down or restarting: no sample
        }
    }
}
