package org.exchange.command.market;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.exchange.api.account.AccountId;
import org.exchange.api.market.BookOutcome;
import org.exchange.api.market.SubmitOrderCommand;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.TimeInForce;
import org.exchange.command.CommandSideApplication;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How long a market with a long history takes to match again after a restart, with and without a
 * snapshot; what {@code ./exchange bench recovery} runs (docs/benchmarks.md).
 *
 * <pre>RecoveryBenchmark --out PREFIX [--events N] [--quick] [--property KEY=VALUE]... [--cpu TEXT] [--nproc N] [--memory TEXT]</pre>
 *
 * <ol>
 *   <li>Drives one market in memory ({@link MarketReplica}) with the standard order flow
 *   ({@link MarketFlow}) until it has recorded {@code N} events (default 1,000,000; {@code --quick}
 *   20,000): a real history, decided by the real aggregate.</li>
 *   <li>Starts the command side on a throwaway database of the real PostgreSQL (no Kafka publisher,
 *   no sagas: nothing else reads the history) and appends those events through its event storage
 *   engine in batches, and the snapshot of the market after its last event.</li>
 *   <li>Restarts: a fresh application context, then times the first order (a buy that crosses the
 *   spread) from sending to its answer: loading the market (snapshot and later events, or every
 *   event) and matching. Once with the snapshot, then again after deleting it.</li>
 * </ol>
 * {@code --property} sets a Spring property of the restarted contexts (to compare settings under the
 * same conditions). Writes {@code PREFIX.txt} and {@code PREFIX.json}. Needs the shared components' environment
 * ({@code .run/env}). Figures, not assertions.
 */
public final class RecoveryBenchmark {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String MARKET = MarketFlow.MARKET.value();
    private static final int BATCH = 1_000;
    /** Spring properties given with {@code --property}, for the restarts. */
    private static final Map<String, String> EXTRA_PROPERTIES = new LinkedHashMap<>();
    /**
     * The history's pace: 400 commands a second, about what one market commits at most from one client
     * (docs/benchmarks.md, "System"). A market keeps the outcomes of the last 30 s of its decisions
     * (ADR 0022), so the pace sets how many its snapshot carries.
     */
    static final Duration PACE = Duration.ofNanos(2_500_000);

    private RecoveryBenchmark() {
    }

    /** Runs the benchmark and exits: Axon's and Kafka's client threads would keep the JVM alive. */
    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** Runs the benchmark in this JVM and writes its report. */
    static void run(String[] args) throws Exception {
        EXTRA_PROPERTIES.clear();
        Map<String, String> options = options(args);
        boolean quick = options.containsKey("--quick");
        int target = Integer.parseInt(options.getOrDefault("--events", quick ? "20000" : "1000000"));
        Path prefix = Path.of(options.get("--out"));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "recovery");
        report.put("properties", Map.copyOf(EXTRA_PROPERTIES));
        report.put("started", Instant.now().toString());
        report.put("machine", Map.of("cpu", options.getOrDefault("--cpu", "?"), "nproc", options.getOrDefault("--nproc", "?"),
                "memory", options.getOrDefault("--memory", "?"), "jdk", Runtime.version().toString(),
                "maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20));

        long started = System.nanoTime();
        MarketReplica market = history(target);
        List<? extends DomainEventMessage<?>> history = market.history();
        report.put("events", history.size());
        report.put("historySeconds", Duration.between(history.getFirst().getTimestamp(), history.getLast().getTimestamp())
                .toSeconds());
        report.put("generateSeconds", seconds(System.nanoTime() - started));

        String database = ThrowawayDatabase.create(COMPONENTS, "recovery");
        try (ConfigurableApplicationContext context = start(database)) {
            started = System.nanoTime();
            store(context, history);
            report.put("storeSeconds", seconds(System.nanoTime() - started));
            started = System.nanoTime();
            storeSnapshot(context, market.load(), history.size() - 1);
            Map<String, Object> snapshot = snapshotRow(context.getBean(JdbcTemplate.class));
            snapshot.put("seconds", seconds(System.nanoTime() - started));
            report.put("snapshot", snapshot);
        }
        List<Object> restarts = new ArrayList<>();
        restarts.add(restart(database, true, history.size()));
        restarts.add(restart(database, false, history.size()));
        report.put("restarts", restarts);

        ObjectMapper json = new ObjectMapper();
        Files.writeString(Path.of(prefix + ".json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        Files.writeString(Path.of(prefix + ".txt"), text(report));
        System.out.print(text(report));
    }

    /**
     * The market driven by the standard flow through the real aggregate, in memory, at {@link #PACE},
     * until it has {@code target} events.
     */
    static MarketReplica history(int target) {
        Instant start = Instant.parse("2026-11-22T00:00:00Z");
        MarketReplica market = new MarketReplica(start, true);
        market.handle(MarketFlow.OPEN);
        // about 1.5 events per command in the standard flow; generate more commands than needed
        for (Object command : MarketFlow.paced(MarketFlow.commands(1, target, start), start, PACE)) {
            if (market.eventCount() >= target) {
                break;
            }
            market.handleWhenPlaced(command);
        }
        return market;
    }

    private static ConfigurableApplicationContext start(String database) {
        return start(database, ApplicationStartup.DEFAULT, Map.of());
    }

    private static ConfigurableApplicationContext start(String database, ApplicationStartup startup,
                                                        Map<String, String> extra) {
        List<String> args = new ArrayList<>();
        Map<String, String> properties = new HashMap<>(COMPONENTS.springProperties(database));
        properties.put("server.port", "0");
        properties.put("axon.distributed.enabled", "false");
        properties.put("axon.kafka.publisher.enabled", "false");
        properties.put("axon.kafka.default-topic", "bench.recovery." + UUID.randomUUID());
        properties.put("exchange.sagas.embedded", "false");
        properties.put("spring.datasource.hikari.maximum-pool-size", "4");
        // Axon interrupts a command after 60 s by default; replaying 1,000,000 events takes longer here,
        // and the point is to measure it (docs/benchmarks.md)
        properties.put("axon.timeout.transaction.command-bus.timeout-ms", String.valueOf(Duration.ofMinutes(30).toMillis()));
        properties.put("axon.timeout.handler.commands.timeout-ms", String.valueOf(Duration.ofMinutes(30).toMillis()));
        properties.putAll(extra);
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(CommandSideApplication.class).applicationStartup(startup)
                .run(args.toArray(String[]::new));
    }

    /** Appends the history through the context's own storage engine, {@value #BATCH} events per transaction. */
    private static void store(ConfigurableApplicationContext context, List<? extends DomainEventMessage<?>> history) {
        EventStorageEngine storage = context.getBean(EventStorageEngine.class);
        TransactionManager transactions = context.getBean(TransactionManager.class);
        for (int from = 0; from < history.size(); from += BATCH) {
            List<? extends DomainEventMessage<?>> batch = history.subList(from, Math.min(history.size(), from + BATCH));
            transactions.executeInTransaction(() -> storage.appendEvents(batch));
        }
    }

    /**
     * Stores the snapshot the running market would have taken after its last event, as Axon's
     * snapshotter stores it (same serializer, same table). The snapshotter itself would first replay
     * the whole history to build it; in a running system it does so every
     * {@code exchange.snapshots.market-events} events from the previous snapshot (MarketSnapshotIT).
     */
    private static void storeSnapshot(ConfigurableApplicationContext context, Market market, long sequence) {
        EventStorageEngine storage = context.getBean(EventStorageEngine.class);
        context.getBean(TransactionManager.class).executeInTransaction(() -> storage.storeSnapshot(
                new GenericDomainEventMessage<>(Market.class.getSimpleName(), MARKET, sequence, market)));
    }

    private static Map<String, Object> snapshotRow(JdbcTemplate database) {
        Map<String, Object> row = database.queryForMap("select sequence_number, length(payload) as bytes "
                + "from snapshot_event_entry where aggregate_identifier = ?", MARKET);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("sequence", row.get("sequence_number"));
        snapshot.put("bytes", row.get("bytes"));
        return snapshot;
    }

    /** A fresh context; the time from sending the first order to its answer, and what it answered. */
    private static Map<String, Object> restart(String database, boolean withSnapshot, int events) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("snapshot", withSnapshot);
        long started = System.nanoTime();
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
        try (ConfigurableApplicationContext context = start(database, startup, EXTRA_PROPERTIES)) {
            result.put("contextStartSeconds", seconds(System.nanoTime() - started));
            result.put("startupSteps", startupSteps(startup.getBufferedTimeline()));
            result.put("slowestBeans", slowestBeans(startup.getBufferedTimeline(), 8));
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            if (!withSnapshot) {
                jdbc.update("delete from snapshot_event_entry where aggregate_identifier = ?", MARKET);
            }
            CommandGateway gateway = context.getBean(CommandGateway.class);
            long sent = System.nanoTime();
            BookOutcome first = gateway.sendAndWait(crossingBuy());
            result.put("firstOrderSeconds", seconds(System.nanoTime() - sent));
            result.put("firstOrderStatus", first.status().name());
            result.put("firstOrderReason", first.reason());
            result.put("firstOrderFills", first.fills() == null ? 0 : first.fills().size());
            // an order placed before a load longer than the submission window (8 s) is refused as late:
            // the market is ready once an order placed after the load matches
            BookOutcome matched = first;
            int orders = 1;
            while (matched.fills() == null || matched.fills().isEmpty()) {
                matched = gateway.sendAndWait(crossingBuy());
                orders++;
            }
            result.put("matchedSeconds", seconds(System.nanoTime() - sent));
            result.put("ordersUntilMatched", orders);
            long again = System.nanoTime();
            BookOutcome next = gateway.sendAndWait(crossingBuy());
            result.put("nextOrderSeconds", seconds(System.nanoTime() - again));
            result.put("nextOrderStatus", next.status().name());
            result.put("eventsInStore", events);
        }
        return result;
    }

    /** Spring's recorded start-up steps other than single beans, in seconds, summed by name, longest first. */
    private static Map<String, Double> startupSteps(StartupTimeline timeline) {
        Map<String, Long> nanos = new HashMap<>();
        for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
            if (!"spring.beans.instantiate".equals(event.getStartupStep().getName())) {
                nanos.merge(event.getStartupStep().getName(), event.getDuration().toNanos(), Long::sum);
            }
        }
        Map<String, Double> steps = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(step -> steps.put(step.getKey(), seconds(step.getValue())));
        return steps;
    }

    /**
     * The beans whose creation took longest during the context's start, by their own time (without the
     * beans they needed created first), in seconds: where the context start goes.
     */
    private static Map<String, Double> slowestBeans(StartupTimeline timeline, int count) {
        Map<Long, Long> ownNanos = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
            StartupStep step = event.getStartupStep();
            if (!"spring.beans.instantiate".equals(step.getName())) {
                continue;
            }
            long nanos = event.getDuration().toNanos();
            ownNanos.merge(step.getId(), nanos, Long::sum);
            if (step.getParentId() != null) {
                ownNanos.merge(step.getParentId(), -nanos, Long::sum);
            }
            for (StartupStep.Tag tag : step.getTags()) {
                if ("beanName".equals(tag.getKey())) {
                    names.put(step.getId(), tag.getValue());
                }
            }
        }
        Map<String, Double> slowest = new LinkedHashMap<>();
        ownNanos.entrySet().stream().filter(own -> names.containsKey(own.getKey()))
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(count)
                .forEach(own -> slowest.put(names.get(own.getKey()), seconds(own.getValue())));
        return slowest;
    }

    /** A small buy that crosses the whole spread (IOC), placed now. */
    private static SubmitOrderCommand crossingBuy() {
        return new SubmitOrderCommand(MarketFlow.MARKET, OrderId.of("recovery-" + UUID.randomUUID()),
                AccountId.of("recovery-taker"), new OrderTerms(MarketFlow.MARKET, OrderSide.BUY, OrderType.LIMIT,
                TimeInForce.IOC, new BigDecimal("1000000.00"), new BigDecimal("0.00100"), null, null, null),
                new BigDecimal("100000000"), Instant.now());
    }

    private static String text(Map<String, Object> report) {
        StringBuilder text = new StringBuilder("recovery benchmark: one market, " + report.get("events") + " events\n");
        text.append("machine: ").append(report.get("machine")).append('\n');
        text.append("properties of the restarts: ").append(report.get("properties")).append('\n');
        text.append("history: ").append(report.get("historySeconds")).append(" s of trading at ")
                .append(Duration.ofSeconds(1).dividedBy(PACE)).append(" commands/s; generated in ")
                .append(report.get("generateSeconds")).append(" s, stored in ")
                .append(report.get("storeSeconds")).append(" s\n");
        text.append("snapshot: ").append(report.get("snapshot")).append('\n');
        for (Object restart : (List<?>) report.get("restarts")) {
            Map<?, ?> r = (Map<?, ?>) restart;
            text.append(Boolean.TRUE.equals(r.get("snapshot")) ? "with snapshot:    " : "without snapshot: ")
                    .append("context start ").append(r.get("contextStartSeconds")).append(" s; first order answered in ")
                    .append(r.get("firstOrderSeconds")).append(" s (").append(r.get("firstOrderStatus"))
                    .append(r.get("firstOrderReason") == null ? "" : " " + r.get("firstOrderReason")).append(", ")
                    .append(r.get("firstOrderFills")).append(" fills); matching after ").append(r.get("matchedSeconds"))
                    .append(" s (").append(r.get("ordersUntilMatched")).append(" orders); next order ")
                    .append(r.get("nextOrderSeconds")).append(" s\n");
            text.append("    context start, Spring's steps (s): ").append(r.get("startupSteps")).append('\n');
            text.append("    slowest beans of the context start (own seconds): ").append(r.get("slowestBeans")).append('\n');
        }
        return text.toString();
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> options.put("--quick", "true");
                case "--property" -> {
                    String[] property = i + 1 < args.length ? args[++i].split("=", 2) : new String[0];
                    if (property.length != 2) {
                        throw new IllegalArgumentException("--property needs KEY=VALUE");
                    }
                    EXTRA_PROPERTIES.put(property[0], property[1]);
                }
                case "--out", "--events", "--cpu", "--nproc", "--memory" -> {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    options.put(args[i], args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!options.containsKey("--out")) {
            throw new IllegalArgumentException("--out PREFIX is required");
        }
        return options;
    }
}
