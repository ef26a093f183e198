package org.exchange.query.audit.verification;

import jakarta.servlet.http.HttpServletResponse;
import org.exchange.platform.audit.Breach;
import org.exchange.platform.audit.EventStoreVerifier;
import org.exchange.platform.audit.VerificationReport;
import org.exchange.platform.eventchain.CheckpointKeys;
import org.exchange.platform.eventchain.EventSeal;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST /api/v1/audit/verifications} (auditor): verifies the whole event store (ADR 0019) and
 * streams JSON lines: {@code progress} lines while it reads (position x of y, rate, time left), then
 * one {@code report} line with every breach and where it is. {@code ./exchange audit verify} calls it.
 * The answer is 200 whatever the verification finds: the report says {@code clean}.
 */
@RestController
@EnableConfigurationProperties(VerificationProperties.class)
@PreAuthorize("hasRole('auditor')")
class VerificationController {

    static final String PATH = "/api/v1/audit/verifications";
    static final String NDJSON = "application/x-ndjson";
    /** At most this often a progress line; the gateway's read timeout never sees a silent minute. */
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    private final EventStoreVerifier verifier;
    private final JsonMapper json = JsonMapper.builder().build();

    VerificationController(@Qualifier("eventStoreDataSource") DataSource eventStore, DataSource readModels,
                           VerificationProperties properties) {
        this.verifier = new EventStoreVerifier(eventStore, readModels, EventSeal.withKey(properties.sealKey()),
                CheckpointKeys.publicKey(properties.checkpointPublicKey()));
    }

    record Progress(String type, long position, long endPosition, long events, long totalEvents, long eventsPerSecond,
                    Long secondsLeft) {
    }

    record Report(String type, boolean clean, long endPosition, long events, long checkpoints,
                  long lastCheckpointPosition, String lastCheckpointDigest, long tookMillis, List<String> notes,
                  List<Breach> breaches) {

        static Report of(VerificationReport report) {
            return new Report("report", report.clean(), report.endPosition(), report.events(), report.checkpoints(),
                    report.lastCheckpointPosition(), report.lastCheckpointDigest(), report.took().toMillis(),
                    report.notes(), report.breaches());
        }
    }

    @PostMapping(path = PATH, produces = NDJSON)
    void verify(HttpServletResponse response) throws IOException {
        response.setContentType(NDJSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // nginx passes each line on at once instead of buffering the answer
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        long started = System.nanoTime();
        long[] lastSent = {0};
        VerificationReport report = verifier.verify((position, end, events, total) -> {
            long now = System.nanoTime();
            if (now - lastSent[0] < PROGRESS_INTERVAL.toNanos() && events < total) {
                return;
            }
            lastSent[0] = now;
            double seconds = Math.max((now - started) / 1e9, 1e-3);
            long rate = Math.round(events / seconds);
            Long left = rate == 0 ? null : (total - events) / Math.max(rate, 1);
            line(out, new Progress("progress", position, end, events, total, rate, left));
        });
        line(out, Report.of(report));
    }

    private void line(OutputStream out, Object value) {
        try {
            out.write(json.writeValueAsBytes(value));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the auditor's connection closed during a verification", e);
        }
    }
}
