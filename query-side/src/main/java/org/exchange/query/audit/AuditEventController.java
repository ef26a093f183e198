package org.exchange.query.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.exchange.query.page.QueryParameters;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The event store for auditors: pages of events by position with filters, and the same selection
 * exported whole as JSON Lines or CSV, streamed from a server-side cursor.
 */
@RestController
@PreAuthorize("hasRole('auditor')")
class AuditEventController {

    static final int DEFAULT_PAGE = 100;

    private final EventStoreReader events;
    private final AuditProperties properties;

    AuditEventController(EventStoreReader events, AuditProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    /** @param nextAfterPosition pass as {@code afterPosition} for the next page; {@code null} after the last */
    record EventsPage(List<AuditEventView> events, Long nextAfterPosition) {
    }

    @GetMapping("/api/v1/audit/events")
    EventsPage events(HttpServletRequest request) {
        AuditParameters.onlyKnown(request, with(AuditParameters.FILTERS, "limit"));
        EventFilter filter = AuditParameters.filter(request);
        int limit = QueryParameters.limit(AuditParameters.integer(request, "limit"), DEFAULT_PAGE, properties.maxPageSize());
        List<StoredEvent> page = events.page(filter, limit);
        Long next = page.size() == limit ? page.getLast().position() : null;
        return new EventsPage(page.stream().map(AuditEventView::of).toList(), next);
    }

    /**
     * Every event of the selection, in position order, however many: rows are fetched from a cursor
     * {@code exchange.audit.export-fetch-size} at a time and written as they come.
     */
    @GetMapping("/api/v1/audit/events/export")
    void export(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditParameters.onlyKnown(request, with(AuditParameters.FILTERS, "format"));
        EventFilter filter = AuditParameters.filter(request);
        ExportFormat format = ExportFormat.of(request.getParameter("format"));
        response.setContentType(format.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"events." + format.extension() + "\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        format.writeHeader(out);
        try {
            events.forEach(filter, event -> {
                try {
                    format.write(AuditEventView.of(event), out);
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            });
        } catch (UncheckedIOException clientGone) {
            throw clientGone.getCause();
        }
        out.flush();
    }

    private static Set<String> with(Set<String> known, String... more) {
        Set<String> all = new HashSet<>(known);
        all.addAll(List.of(more));
        return all;
    }
}
