package org.exchange.command.market.engine.bench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the engine benchmark and writes its report; what {@code ./exchange bench engine} calls.
 *
 * <pre>EngineBenchmarkRunner --out PREFIX [--flow FILE] [--quick] [--cpu TEXT] [--nproc N] [--memory TEXT]</pre>
 *
 * <p>Three measurements, each in JVMs of its own: throughput of the engine and of the reference book
 * with JMH's GC profiler (allocation per command), sampled latency per command, and the heap a book
 * of resting orders takes ({@link RestingOrderFootprint}). Writes {@code PREFIX.json} (a summary and
 * JMH's own JSON results) and {@code PREFIX.txt} (the summary and JMH's result table).
 */
public final class EngineBenchmarkRunner {

    /** The goal of issue 5 for one core. */
    static final double TARGET_COMMANDS_PER_SECOND = 3_000_000;
    /** "Near-zero" allocation: less than one byte per command means no object on any path that matters. */
    static final double TARGET_BYTES_PER_COMMAND = 1.0;
    static final long SEED = 1;
    private static final String FORK_HEAP_MIN = "-Xms1g";
    private static final String FORK_HEAP_MAX = "-Xmx2g";

    record Settings(Path out, String flow, boolean quick, String cpu, String nproc, String memory) {

        int standardCommands() {
            return quick ? 100_000 : 1_000_000;
        }

        int footprintOrders() {
            return quick ? 100_000 : 1_000_000;
        }

        static Settings parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            boolean quick = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--out", "--flow", "--cpu", "--nproc", "--memory" -> {
                        if (i + 1 == args.length) {
                            throw new IllegalArgumentException(args[i] + " needs a value");
                        }
                        values.put(args[i], args[++i]);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!values.containsKey("--out")) {
                throw new IllegalArgumentException("--out PREFIX is required");
            }
            String flow = values.containsKey("--flow")
                    ? Path.of(values.get("--flow")).toAbsolutePath().normalize().toString()
                    : EngineBenchmark.Replay.STANDARD_FLOW;
            return new Settings(Path.of(values.get("--out")), flow, quick,
                    values.getOrDefault("--cpu", System.getProperty("os.arch")),
                    values.getOrDefault("--nproc", String.valueOf(Runtime.getRuntime().availableProcessors())),
                    values.getOrDefault("--memory", "unknown"));
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: EngineBenchmarkRunner --out PREFIX [--flow FILE] [--quick] [--cpu TEXT]"
                    + " [--nproc N] [--memory TEXT]");
            System.exit(2);
            return;
        }
        if (!EngineBenchmark.Replay.STANDARD_FLOW.equals(settings.flow()) && !Files.isReadable(Path.of(settings.flow()))) {
            System.err.println("cannot read flow file " + settings.flow());
            System.exit(2);
        }
        Instant started = Instant.now();
        // builds the flow once here as well: a bad flow file fails before any JVM is forked
        FlowProfile profile = FlowProfile.of(
                EngineBenchmark.Replay.flow(settings.flow(), settings.standardCommands(), SEED).endingWithEmptyBook());
        System.out.println("# Flow: " + profile.describe());
        double clockCost = clockReadNanos();
        List<RunResult> results = new ArrayList<>();
        results.addAll(runJmh(settings, "throughput", true));
        results.addAll(runJmh(settings, "latency", false));
        Map<String, String> footprint = measureFootprint(settings.footprintOrders());
        Summary summary = Summary.of(settings, profile, results, footprint, clockCost, started);
        write(settings.out(), summary, results);
        System.out.println();
        System.out.print(summary.text());
    }

    private static Collection<RunResult> runJmh(Settings settings, String benchmark, boolean throughput)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(EngineBenchmark.class.getName() + "\\." + benchmark + "$")
                .param("book", EngineBenchmark.Replay.ENGINE, EngineBenchmark.Replay.REFERENCE)
                .param("flow", settings.flow())
                .param("commands", String.valueOf(settings.standardCommands()))
                .param("seed", String.valueOf(SEED))
                .jvmArgsAppend(FORK_HEAP_MIN, FORK_HEAP_MAX)
                .shouldFailOnError(true);
        if (settings.quick()) {
            options.forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(1).measurementTime(TimeValue.seconds(1));
        } else {
            // throughput decides the target, so it gets two JVMs; latency percentiles need many samples, not JVMs
            options.forks(throughput ? 2 : 1).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(2));
        }
        if (throughput) {
            options.addProfiler(GCProfiler.class);
        }
        return new Runner(options.build()).run();
    }

    /** Runs {@link RestingOrderFootprint} in a JVM of its own and returns its {@code key=value} lines. */
    private static Map<String, String> measureFootprint(int orders) throws IOException, InterruptedException {
        System.out.println("# Resting-order footprint: " + orders + " orders per book, separate JVM");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), FORK_HEAP_MAX, "-cp",
                System.getProperty("java.class.path"), RestingOrderFootprint.class.getName(), String.valueOf(orders))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("RestingOrderFootprint failed:\n" + output);
        }
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        System.out.print(output);
        return values;
    }

    /** Median cost of one {@link System#nanoTime()} read: the floor under every latency sample. */
    static double clockReadNanos() {
        int reads = 1_000_000;
        long[] deltas = new long[1_001];
        for (int round = 0; round < deltas.length; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < reads / 1_000; i++) {
                System.nanoTime();
            }
            deltas[round] = System.nanoTime() - start;
        }
        Arrays.sort(deltas);
        return deltas[deltas.length / 2] / (double) (reads / 1_000);
    }

    private static void write(Path prefix, Summary summary, List<RunResult> results) throws IOException {
        Path parent = prefix.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String jmhJson = render(ResultFormatType.JSON, results).strip();
        String json = "{\n\"summary\": " + summary.json() + ",\n\"jmh\": " + (jmhJson.isEmpty() ? "[]" : jmhJson) + "\n}\n";
        Files.writeString(Path.of(prefix + ".json"), json);
        Files.writeString(Path.of(prefix + ".txt"), summary.text() + "\nJMH results\n"
                + render(ResultFormatType.TEXT, results));
    }

    private static String render(ResultFormatType type, Collection<RunResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(type, out).writeOut(results);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The figures of one run, as text for people and JSON for tools. */
    record Summary(Settings settings, FlowProfile profile, Instant started, Figures engine, Figures reference, double clockReadNanos,
                   Map<String, String> footprint, String jdk, String jvmArgs) {

        static Summary of(Settings settings, FlowProfile profile, List<RunResult> results,
                          Map<String, String> footprint, double clockReadNanos, Instant started) {
            String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.runtime.version");
            return new Summary(settings, profile, started, Figures.of(results, EngineBenchmark.Replay.ENGINE),
                    Figures.of(results, EngineBenchmark.Replay.REFERENCE), clockReadNanos, footprint, jdk,
                    FORK_HEAP_MIN + " " + FORK_HEAP_MAX);
        }

        double ratio() {
            return engine.commandsPerSecond() / reference.commandsPerSecond();
        }

        boolean throughputTargetMet() {
            return engine.commandsPerSecond() >= TARGET_COMMANDS_PER_SECOND;
        }

        boolean allocationTargetMet() {
            return engine.bytesPerCommand() < TARGET_BYTES_PER_COMMAND;
        }

        String flowDescription() {
            return EngineBenchmark.Replay.STANDARD_FLOW.equals(settings.flow())
                    ? "standard flow, " + settings.standardCommands() + " commands, seed " + SEED + " (OrderFlowGenerator)"
                    : "flow file " + settings.flow();
        }

        double bytesPerRestingOrder(String book) {
            return Double.parseDouble(footprint.getOrDefault(book + ".bytesPerRestingOrder", "NaN"));
        }

        String text() {
            StringBuilder out = new StringBuilder();
            out.append("Matching-engine benchmark").append(settings.quick() ? " (--quick: smoke run, figures indicative only)" : "")
                    .append('\n');
            out.append(String.format(Locale.ROOT, "  started     %s%n", started));
            out.append(String.format(Locale.ROOT, "  machine     %s, %s CPUs, %s memory%n", settings.cpu(), settings.nproc(),
                    settings.memory()));
            out.append(String.format(Locale.ROOT, "  JDK         %s (forks %s)%n", jdk, jvmArgs));
            out.append(String.format(Locale.ROOT, "  flow        %s%n", flowDescription()));
            out.append(String.format(Locale.ROOT, "              %s%n", profile.describe()));
            out.append('\n');
            out.append(String.format(Locale.ROOT, "  %-34s %15s %15s%n", "", "engine", "reference"));
            row(out, "commands/s (mean of iterations)", engine.commandsPerSecond(), reference.commandsPerSecond(), "%,.0f");
            row(out, "  ± 99.9% CI", engine.commandsPerSecondError(), reference.commandsPerSecondError(), "%,.0f");
            row(out, "  slowest iteration", engine.slowestIteration(), reference.slowestIteration(), "%,.0f");
            row(out, "  fastest iteration", engine.fastestIteration(), reference.fastestIteration(), "%,.0f");
            row(out, "latency p50 (ns/command)", engine.p50(), reference.p50(), "%,.0f");
            row(out, "latency p99 (ns/command)", engine.p99(), reference.p99(), "%,.0f");
            row(out, "latency p99.9 (ns/command)", engine.p999(), reference.p999(), "%,.0f");
            row(out, "latency max (ns/command)", engine.max(), reference.max(), "%,.0f");
            row(out, "allocated bytes/command", engine.bytesPerCommand(), reference.bytesPerCommand(), "%,.2f");
            row(out, "bytes per resting order", bytesPerRestingOrder(EngineBenchmark.Replay.ENGINE),
                    bytesPerRestingOrder(EngineBenchmark.Replay.REFERENCE), "%,.1f");
            out.append(String.format(Locale.ROOT, "  engine/reference throughput: %.1f×%n", ratio()));
            out.append(String.format(Locale.ROOT, "  bytes per resting order: a book holding %s orders (engine presized), "
                    + "live heap after full GC%n", footprint.getOrDefault("engine.orders", "?")));
            out.append(String.format(Locale.ROOT, "  latency samples include one clock read, ~%.0f ns here%n", clockReadNanos));
            out.append('\n');
            out.append(String.format(Locale.ROOT, "  target ≥ %,.0f commands/s on one core: %s%n", TARGET_COMMANDS_PER_SECOND,
                    throughputTargetMet() ? "met" : String.format(Locale.ROOT, "MISSED (%.0f%% of target)",
                            100 * engine.commandsPerSecond() / TARGET_COMMANDS_PER_SECOND)));
            out.append(String.format(Locale.ROOT, "  target near-zero allocation (< %.0f byte/command): %s%n",
                    TARGET_BYTES_PER_COMMAND, allocationTargetMet() ? "met" : "MISSED"));
            return out.toString();
        }

        private static void row(StringBuilder out, String label, double engine, double reference, String format) {
            out.append(String.format(Locale.ROOT, "  %-34s %15s %15s%n", label, cell(format, engine),
                    cell(format, reference)));
        }

        /** A figure JMH could not give (an error bar from one iteration, say) shows as n/a. */
        private static String cell(String format, double value) {
            return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "n/a";
        }

        String json() {
            return "{\n"
                    + "  \"started\": " + quote(started.toString()) + ",\n"
                    + "  \"quick\": " + settings.quick() + ",\n"
                    + "  \"flow\": " + quote(flowDescription()) + ",\n"
                    + "  \"flowProfile\": " + profile.json() + ",\n"
                    + "  \"machine\": {\"cpu\": " + quote(settings.cpu()) + ", \"nproc\": " + quote(settings.nproc())
                    + ", \"memory\": " + quote(settings.memory()) + ", \"jdk\": " + quote(jdk)
                    + ", \"forkJvmArgs\": " + quote(jvmArgs) + "},\n"
                    + "  \"engine\": " + engine.json(bytesPerRestingOrder(EngineBenchmark.Replay.ENGINE)) + ",\n"
                    + "  \"reference\": " + reference.json(bytesPerRestingOrder(EngineBenchmark.Replay.REFERENCE)) + ",\n"
                    + "  \"engineToReferenceThroughputRatio\": " + number(ratio()) + ",\n"
                    + "  \"clockReadNanos\": " + number(clockReadNanos) + ",\n"
                    + "  \"footprintOrders\": " + footprint.getOrDefault("engine.orders", "null") + ",\n"
                    + "  \"target\": {\"commandsPerSecond\": " + number(TARGET_COMMANDS_PER_SECOND)
                    + ", \"commandsPerSecondMet\": " + throughputTargetMet()
                    + ", \"bytesPerCommandBelow\": " + number(TARGET_BYTES_PER_COMMAND)
                    + ", \"allocationMet\": " + allocationTargetMet() + "}\n"
                    + "}";
        }
    }

    /** What JMH measured for one book. */
    record Figures(double commandsPerSecond, double commandsPerSecondError, double slowestIteration,
                   double fastestIteration, double bytesPerCommand, double p50, double p99, double p999, double max) {

        static Figures of(List<RunResult> results, String book) {
            RunResult throughput = find(results, book, Mode.Throughput);
            RunResult latency = find(results, book, Mode.SampleTime);
            double slowest = Double.NaN;
            double fastest = Double.NaN;
            double bytes = Double.NaN;
            double score = Double.NaN;
            double error = Double.NaN;
            if (throughput != null) {
                score = throughput.getPrimaryResult().getScore();
                error = throughput.getPrimaryResult().getScoreError();
                List<Double> iterations = new ArrayList<>();
                for (BenchmarkResult fork : throughput.getBenchmarkResults()) {
                    for (IterationResult iteration : fork.getIterationResults()) {
                        iterations.add(iteration.getPrimaryResult().getScore());
                    }
                }
                slowest = iterations.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                fastest = iterations.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                Result<?> allocation = throughput.getSecondaryResults().get("gc.alloc.rate.norm");
                bytes = allocation == null ? Double.NaN : allocation.getScore();
            }
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            double p999 = Double.NaN;
            double max = Double.NaN;
            if (latency != null) {
                var statistics = latency.getPrimaryResult().getStatistics();
                p50 = statistics.getPercentile(50);
                p99 = statistics.getPercentile(99);
                p999 = statistics.getPercentile(99.9);
                max = statistics.getMax();
            }
            return new Figures(score, error, slowest, fastest, bytes, p50, p99, p999, max);
        }

        private static RunResult find(List<RunResult> results, String book, Mode mode) {
            return results.stream()
                    .filter(r -> book.equals(r.getParams().getParam("book")) && r.getParams().getMode() == mode)
                    .findFirst().orElse(null);
        }

        String json(double bytesPerRestingOrder) {
            return "{\"commandsPerSecond\": " + number(commandsPerSecond)
                    + ", \"commandsPerSecondError99_9\": " + number(commandsPerSecondError)
                    + ", \"slowestIterationCommandsPerSecond\": " + number(slowestIteration)
                    + ", \"fastestIterationCommandsPerSecond\": " + number(fastestIteration)
                    + ", \"latencyNanos\": {\"p50\": " + number(p50) + ", \"p99\": " + number(p99)
                    + ", \"p99_9\": " + number(p999) + ", \"max\": " + number(max) + "}"
                    + ", \"bytesAllocatedPerCommand\": " + number(bytesPerCommand)
                    + ", \"bytesPerRestingOrder\": " + number(bytesPerRestingOrder) + "}";
        }
    }

    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private EngineBenchmarkRunner() {
    }
}
