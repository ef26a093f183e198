package org.exchange.loadgen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.exchange.testsupport.ApiClient;
import org.exchange.testsupport.Keycloak;
import org.exchange.testsupport.RealComponents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./exchange bench system}: the whole exchange under the standard order flow, through the
 * gateway, against the machine's own limit. In one run: PostgreSQL's single-row commit rate (1 and 8
 * clients), then the flow as fast as the exchange takes it ({@code max}), then at half the settled
 * rate that phase reached; writes {@code <out>.txt} and {@code <out>.json}.
 *
 * <pre>
 * SystemBenchmark --out PREFIX [--duration SECONDS] [--rate auto|max|N] [--traders N] [--concurrency N]
 *                 [--seed N] [--commit-seconds N] [--pgbench PATH] [--run-dir DIR] [--quick]
 * </pre>
 * {@code --quick} is the smoke run of {@code ./exchange test}: 4 traders, 5 s phases, and a check
 * that the report is whole and sane (exit status 3 if not); it judges no figure.
 */
public final class SystemBenchmark {

    /** The targets of issue 5. */
    static final double TARGET_COMMIT_RATIO = 0.1;
    static final double TARGET_ACK_P99_MS = 25;
    static final double TARGET_SETTLED_P99_MS = 250;

    record Options(Path out, int durationSeconds, String rate, int traders, int concurrency, long seed,
                   int commitSeconds, String pgbench, Path runDir, String gateway, String projectionsMetrics,
                   boolean quick) {

        static Options parse(String[] args) {
            Path out = null;
            boolean quick = List.of(args).contains("--quick");
            int duration = quick ? 5 : 60;
            String rate = "auto";
            int traders = quick ? 4 : 100;
            int concurrency = quick ? 4 : 64;
            long seed = 1;
            int commitSeconds = quick ? 2 : 10;
            String pgbench = null;
            Path runDir = Path.of(".run");
            String gateway = System.getenv().getOrDefault("EXCHANGE_GATEWAY_URL", "http://127.0.0.1:8000");
            String projections = "http://127.0.0.1:8083/actuator/prometheus";
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--quick" -> { continue; }
                    case "--out" -> out = Path.of(value);
                    case "--duration" -> duration = Integer.parseInt(value.replaceFirst("s$", ""));
                    case "--rate" -> rate = value;
                    case "--traders" -> traders = Integer.parseInt(value);
                    case "--concurrency" -> concurrency = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--commit-seconds" -> commitSeconds = Integer.parseInt(value);
                    case "--pgbench" -> pgbench = value;
                    case "--run-dir" -> runDir = Path.of(value);
                    case "--gateway" -> gateway = value;
                    case "--projections-metrics" -> projections = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (out == null) {
                throw new IllegalArgumentException("--out PREFIX is required");
            }
            if (!rate.equals("auto") && !rate.equals("max") && Double.parseDouble(rate) <= 0) {
                throw new IllegalArgumentException("--rate is auto, max or a positive number of orders/s");
            }
            return new Options(out, duration, rate, traders, concurrency, seed, commitSeconds, pgbench, runDir,
                    gateway, projections, quick);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (RuntimeException bad) {
            System.err.println(bad.getMessage());
            System.exit(2);
            return;
        }
        ObjectNode report = new SystemBenchmark().run(options);
        List<String> problems = options.quick() ? ReportCheck.problems(report) : List.of();
        if (!problems.isEmpty()) {
            System.err.println("the smoke run's report is not sane:");
            problems.forEach(problem -> System.err.println("  - " + problem));
            System.exit(3);
        }
        System.exit(0);
    }

    ObjectNode run(Options options) throws Exception {
        RealComponents components = RealComponents.current();
        ObjectNode report = Gateway.JSON.createObjectNode();
        report.put("benchmark", "system");
        report.put("startedAt", Instant.now().toString());
        report.set("machine", Machine.describe());
        report.set("options", Gateway.JSON.valueToTree(Map.of("durationSeconds", options.durationSeconds(),
                "rate", options.rate(), "traders", options.traders(), "concurrency", options.concurrency(),
                "seed", options.seed(), "commitSeconds", options.commitSeconds(), "quick", options.quick(),
                "gateway", options.gateway())));

        CommitRate commitRate = new CommitRate(components, options.pgbench());
        System.out.println("PostgreSQL: " + commitRate.settings());
        report.put("postgresSettings", commitRate.settings());
        System.out.printf("PostgreSQL single-row commits, %d s each with 1 and 8 clients (%s)…%n", options.commitSeconds(),
                options.pgbench() != null ? "pgbench" : "JDBC");
        List<CommitRate.Result> commits = commitRate.measure(options.commitSeconds());
        commits.forEach(result -> System.out.printf("  %d client(s): %.0f commits/s (%s)%n", result.clients(),
                result.commitsPerSecond(), result.tool()));
        report.set("commitRate", Gateway.JSON.valueToTree(commits));

        System.out.printf("traders: %d (Keycloak users %s-…), funding and signing in…%n", options.traders(), BenchTraders.PREFIX);
        ApiClient api = new ApiClient(options.gateway());
        BenchTraders traders = new BenchTraders(api, new Keycloak(components),
                new Keycloak(components.withKeycloakUrl(options.gateway())));
        traders.prepare(options.traders(), BenchMarket.DEMO);
        Gateway gateway = new Gateway(options.gateway(), traders.count());
        Settlements settlements = new Settlements();
        OrderStreams streams = new OrderStreams(gateway, traders, settlements);
        streams.open();
        ComponentUsage usage = new ComponentUsage(options.runDir().resolve("pids"));
        LoadRun load = new LoadRun(gateway, traders, settlements, BenchMarket.DEMO, options.seed(), usage,
                options.projectionsMetrics(), System.out);
        load.streams(streams);

        long duration = TimeUnit.SECONDS.toNanos(options.durationSeconds());
        // a phase ends when every order it placed is seen settled (or after this long): the next phase
        // must not start behind the previous one's backlog
        int drain = options.quick() ? 15 : 180;
        List<Phase> phases = new ArrayList<>();
        if (options.rate().equals("auto") || options.rate().equals("max")) {
            Phase max = new Phase("max", 0, options.concurrency(), duration);
            System.out.printf("phase max: %d s, %d requests at a time%n", options.durationSeconds(), options.concurrency());
            load.run(max, drain);
            phases.add(max);
            if (options.rate().equals("auto")) {
                double half = Math.max(1, Math.floor(max.settledPerSecond() / 2));
                Phase halfRate = new Phase("half", half, options.concurrency(), duration);
                System.out.printf("phase half: %d s at %.0f orders/s (half the settled rate of phase max)%n",
                        options.durationSeconds(), half);
                load.run(halfRate, drain);
                phases.add(halfRate);
            }
        } else {
            Phase fixed = new Phase("rate", Double.parseDouble(options.rate()), options.concurrency(), duration);
            load.run(fixed, drain);
            phases.add(fixed);
        }
        streams.close();
        int canceled = traders.cancelOpenOrders(BenchMarket.DEMO);
        report.put("streamErrors", streams.streamErrors.get());
        report.put("openOrdersCanceledAfter", canceled);

        ArrayNode phaseReports = report.putArray("phases");
        for (Phase phase : phases) {
            phaseReports.add(Reports.phase(phase));
        }
        report.set("targets", Reports.targets(phases, commits));
        report.put("finishedAt", Instant.now().toString());
        report.set("machineAfter", Machine.load());
        Files.writeString(Path.of(options.out() + ".json"),
                Gateway.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        String text = Reports.text(report);
        Files.writeString(Path.of(options.out() + ".txt"), text);
        System.out.println();
        System.out.print(text);
        return report;
    }

    private SystemBenchmark() {
    }
}
