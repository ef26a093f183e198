package org.exchange.query.audit;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How an export writes events: one JSON object per line, or RFC 4180 CSV with a header row. */
enum ExportFormat {

    JSONL("application/x-ndjson", "jsonl") {
        @Override
        void writeHeader(Writer out) {
        }

        @Override
        void write(AuditEventView event, Writer out) throws IOException {
            out.write(JSON.writeValueAsString(event));
            out.write('\n');
        }
    },
    CSV("text/csv; charset=utf-8", "csv") {
        @Override
        void writeHeader(Writer out) throws IOException {
            out.write(String.join(",", HEADER));
            out.write("\r\n");
        }

        @Override
        void write(AuditEventView event, Writer out) throws IOException {
            AuditEventView.CallerView caller = event.caller();
            Object[] cells = {event.position(), event.timestamp(), event.aggregateType(), event.aggregateId(),
                    event.sequence(), event.type(), event.revision(), event.eventId(), event.correlationId(),
                    event.causationId(), caller == null ? null : caller.accountId(),
                    caller == null ? null : caller.username(), caller == null ? null : caller.apiKeyId(),
                    JSON.writeValueAsString(event.payload()), JSON.writeValueAsString(event.metadata())};
            out.write(Arrays.stream(cells).map(ExportFormat::cell).collect(Collectors.joining(",")));
            out.write("\r\n");
        }
    };

    static final String[] HEADER = {"position", "timestamp", "aggregateType", "aggregateId", "sequence", "type",
            "revision", "eventId", "correlationId", "causationId", "callerAccountId", "callerUsername",
            "callerApiKeyId", "payload", "metadata"};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a spreadsheet reads as the start of a formula in a cell. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    abstract void writeHeader(Writer out) throws IOException;

    abstract void write(AuditEventView event, Writer out) throws IOException;

    /** {@code jsonl} when absent; {@code VALIDATION_FAILED} for anything but {@code jsonl} or {@code csv}. */
    static ExportFormat of(String name) {
        if (name == null || name.equals("jsonl")) {
            return JSONL;
        }
        if (name.equals("csv")) {
            return CSV;
        }
        throw EventFilter.invalid("format must be jsonl or csv");
    }

    /**
     * A CSV cell: quoted when it holds a separator, a quote or a line break (quotes doubled). A text
     * cell that a spreadsheet would take for a formula (it begins with {@code = + - @}, a tab or a
     * carriage return: a username, say) gets a leading {@code '} so that opening the export runs nothing
     * (OWASP "CSV injection"); numbers are written as they are.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
