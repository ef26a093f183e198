package org.exchange.loadgen;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run measured, from /proc: CPU model, cores, memory, load. */
final class Machine {

    static ObjectNode describe() {
        ObjectNode machine = Gateway.JSON.createObjectNode();
        machine.put("cpu", field("/proc/cpuinfo", "model name"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        String memory = field("/proc/meminfo", "MemTotal");
        machine.put("memoryGiB", memory.isEmpty() ? 0
                : Math.round(Long.parseLong(memory.replaceAll("[^0-9]", "")) / 1048576.0 * 10) / 10.0);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.setAll(load());
        return machine;
    }

    /** Load averages (1, 5, 15 min) now. */
    static ObjectNode load() {
        ObjectNode load = Gateway.JSON.createObjectNode();
        try {
            String[] average = Files.readString(Path.of("/proc/loadavg")).split(" ");
            load.put("loadAverage", average[0] + " " + average[1] + " " + average[2]);
        } catch (IOException unreadable) {
            load.put("loadAverage", "unknown");
        }
        return load;
    }

    private static String field(String file, String name) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException unreadable) {
            return "";
        }
        return "";
    }

    private Machine() {
    }
}
