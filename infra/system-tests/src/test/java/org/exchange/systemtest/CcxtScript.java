package org.exchange.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The ccxt program of {@code infra/system-tests/ccxt} ({@code trader.mjs}): installs its pinned npm
 * packages when they are missing or older than the lock file ({@code npm ci}, so a clean clone and CI
 * get exactly {@code package-lock.json}), runs one phase of it with the gateway's URL and an API key,
 * and hands back the steps it reports. Whatever fails says the step, ccxt's error and the program's
 * stderr.
 */
final class CcxtScript {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final long PHASE_TIMEOUT_SECONDS = 180;

    private final Path directory;
    private final String gateway;
    private final String apiKey;
    private final String secret;

    CcxtScript(String gateway, String apiKey, String secret) {
        // failsafe runs in the module's directory (infra/system-tests); from the reactor's root too
        Path here = Path.of("ccxt");
        this.directory = Files.isDirectory(here) ? here : Path.of("infra", "system-tests", "ccxt");
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.secret = secret;
        installIfNeeded();
    }

    /** What one run of a phase reported, step by step. */
    record Run(String phase, Map<String, JsonNode> steps, String stderr) {

        /** The value of a step that must have succeeded. */
        JsonNode value(String step) {
            JsonNode reported = reported(step);
            if (!reported.path("ok").asBoolean()) {
                fail("ccxt %s failed: %s%nccxt's stderr:%n%s".formatted(step, reported.path("error"), stderr));
            }
            return reported.path("value");
        }

        /** The error class (and its ancestors) of a step that must have been refused. */
        List<String> refusal(String step) {
            JsonNode reported = reported(step);
            if (!reported.path("ok").asBoolean()) {
                fail("ccxt %s was expected to be refused, but was not: %s%nccxt's stderr:%n%s"
                        .formatted(step, reported.path("value"), stderr));
            }
            List<String> classes = new ArrayList<>();
            reported.path("value").path("classes").forEach(name -> classes.add(name.asText()));
            return classes;
        }

        String describe(String step) {
            return "ccxt " + step + ": " + reported(step);
        }

        private JsonNode reported(String step) {
            JsonNode reported = steps.get(step);
            if (reported == null) {
                fail("ccxt did not report step %s (reported: %s)%nccxt's stderr:%n%s".formatted(step, steps.keySet(), stderr));
            }
            return reported;
        }
    }

    /** Runs {@code node trader.mjs <phase>} with {@code input} (the prices and ids the phase needs). */
    Run run(String phase, Map<String, Object> input) {
        ObjectNode inputJson = JSON.valueToTree(input);
        ProcessBuilder builder = new ProcessBuilder("node", "trader.mjs", phase).directory(directory.toFile());
        builder.environment().put("EXCHANGE_GATEWAY_URL", gateway);
        builder.environment().put("CCXT_API_KEY", apiKey);
        builder.environment().put("CCXT_SECRET", secret);
        builder.environment().put("CCXT_INPUT", inputJson.toString());
        Output output = execute(builder, PHASE_TIMEOUT_SECONDS);
        if (output.exitCode() != 0) {
            fail("ccxt %s exited with %d%nstdout:%n%s%nstderr:%n%s".formatted(phase, output.exitCode(), output.stdout(), output.stderr()));
        }
        try {
            JsonNode report = JSON.readTree(output.stdout());
            assertThat(report.path("ccxt").asText()).as("ccxt version (package-lock.json)").isEqualTo("4.5.84");
            Map<String, JsonNode> steps = new LinkedHashMap<>();
            report.path("steps").forEach(step -> steps.put(step.path("step").asText(), step));
            return new Run(phase, steps, output.stderr());
        } catch (IOException unreadable) {
            throw new AssertionError("ccxt %s wrote no JSON report: %s%nstderr:%n%s"
                    .formatted(phase, output.stdout(), output.stderr()), unreadable);
        }
    }

    /** {@code npm ci} when node_modules is missing or was installed from an older lock file. */
    private void installIfNeeded() {
        Path installed = directory.resolve("node_modules").resolve(".package-lock.json");
        Path lock = directory.resolve("package-lock.json");
        try {
            if (Files.exists(installed) && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
                return;
            }
        } catch (IOException unreadable) {
            throw new AssertionError("cannot read " + lock.toAbsolutePath(), unreadable);
        }
        Output output = execute(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(directory.toFile()),
                NPM_TIMEOUT_SECONDS);
        if (output.exitCode() != 0) {
            fail("npm ci in %s failed (exit %d): is Node 20 with npm on the PATH, and the npm registry reachable?%n%s%n%s"
                    .formatted(directory.toAbsolutePath(), output.exitCode(), output.stdout(), output.stderr()));
        }
    }

    private record Output(int exitCode, String stdout, String stderr) {
    }

    private static Output execute(ProcessBuilder builder, long timeoutSeconds) {
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("%s did not finish within %d s%nstderr so far:%n%s".formatted(builder.command(), timeoutSeconds,
                        stderr.getNow("")));
            }
            return new Output(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException cannotStart) {
            throw new AssertionError("cannot run " + builder.command() + " (Node 20 and npm must be on the PATH)", cannotStart);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + builder.command(), interrupted);
        }
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failed) {
            return "(unreadable: " + failed.getMessage() + ")";
        }
    }
}
