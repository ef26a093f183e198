package org.exchange.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU and memory of the stack's components from /proc: the pids in {@code .run/pids/*.pid}, each
 * with its direct children (nginx's worker), plus every process named {@code postgres} (the machine's
 * server has no pid file; this counts all its backends, also other clients'), plus this JVM.
 * CPU is user + system time; a phase's share is its difference over the phase's wall time, in cores
 * (1.0 = one core busy all the time).
 */
final class ComponentUsage {

    /** Clock ticks per second of /proc/…/stat times ({@code getconf CLK_TCK}, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    private final Path pidsDirectory;
    private final Map<String, Long> maxRssKb = new LinkedHashMap<>();

    ComponentUsage(Path pidsDirectory) {
        this.pidsDirectory = pidsDirectory;
    }

    /** CPU seconds per process of each component, and resident memory per component, now. */
    record Sample(long nanos, Map<String, Map<Long, Double>> cpuSeconds, Map<String, Long> rssKb) {
    }

    /** A component over a phase: cores used on average, resident memory at the end and at most. */
    record Usage(double cores, long rssMb, long maxRssMb) {
    }

    Sample sample() {
        Map<String, Map<Long, Double>> cpu = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> component : processes().entrySet()) {
            Map<Long, Double> seconds = new LinkedHashMap<>();
            long kb = 0;
            boolean alive = false;
            for (long pid : component.getValue()) {
                String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
                if (stat == null) {
                    continue;
                }
                alive = true;
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields from index 0 = state (field 3): utime is field 14, stime field 15
                seconds.put(pid, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND);
                kb += rssKb(pid);
            }
            if (alive) {
                cpu.put(component.getKey(), seconds);
                rss.put(component.getKey(), kb);
                synchronized (maxRssKb) {
                    maxRssKb.merge(component.getKey(), kb, Math::max);
                }
            }
        }
        return new Sample(System.nanoTime(), cpu, rss);
    }

    /**
     * Per component alive at the end, its use between the samples: the CPU time its processes took
     * since the first sample (all of it for a process started since; a process that ended in between
     * is not counted).
     */
    Map<String, Usage> between(Sample start, Sample end) {
        Map<String, Usage> usage = new LinkedHashMap<>();
        double wall = (end.nanos() - start.nanos()) / 1e9;
        end.cpuSeconds().forEach((component, processes) -> {
            Map<Long, Double> before = start.cpuSeconds().getOrDefault(component, Map.of());
            double seconds = 0;
            for (Map.Entry<Long, Double> process : processes.entrySet()) {
                seconds += Math.max(0, process.getValue() - before.getOrDefault(process.getKey(), 0.0));
            }
            long maxKb;
            synchronized (maxRssKb) {
                maxKb = maxRssKb.getOrDefault(component, 0L);
            }
            usage.put(component, new Usage(Math.round(seconds / wall * 100) / 100.0,
                    end.rssKb().get(component) / 1024, maxKb / 1024));
        });
        return usage;
    }

    void resetMaxima() {
        synchronized (maxRssKb) {
            maxRssKb.clear();
        }
    }

    private Map<String, List<Long>> processes() {
        Map<String, List<Long>> processes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(pidsDirectory)) {
            files.filter(file -> file.getFileName().toString().endsWith(".pid")).sorted().forEach(file -> {
                String content = read(file);
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                if (content != null && !content.isBlank()) {
                    long pid = Long.parseLong(content.trim());
                    List<Long> pids = new ArrayList<>(List.of(pid));
                    pids.addAll(children(pid));
                    processes.put(name, pids);
                }
            });
        } catch (IOException | NumberFormatException unreadable) {
            // no pid files: only postgres and this JVM
        }
        List<Long> postgres = named("postgres");
        if (!postgres.isEmpty() && !processes.containsKey("postgres")) {
            processes.put("postgres", postgres);
        }
        processes.put("loadgen (this JVM)", List.of(ProcessHandle.current().pid()));
        return processes;
    }

    private static List<Long> children(long pid) {
        return ProcessHandle.of(pid).map(handle -> handle.children().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private static List<Long> named(String command) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(pid -> {
                        String comm = read(Path.of("/proc", pid, "comm"));
                        if (comm != null && comm.trim().equals(command)) {
                            pids.add(Long.parseLong(pid));
                        }
                    });
        } catch (IOException unreadable) {
            return List.of();
        }
        return pids;
    }

    private static long rssKb(long pid) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        if (status == null) {
            return 0;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
