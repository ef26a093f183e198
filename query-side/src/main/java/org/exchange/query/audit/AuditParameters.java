package org.exchange.query.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.exchange.query.page.QueryParameters;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the audit endpoints read their query parameters. A parameter an endpoint does not know is
 * refused rather than ignored: a misspelt filter must not quietly widen what an auditor gets.
 */
final class AuditParameters {

    static final Set<String> FILTERS = Set.of("aggregateType", "aggregateId", "eventType", "account", "market",
            "correlationId", "from", "to", "afterPosition", "toPosition");

    private AuditParameters() {
    }

    /** {@code VALIDATION_FAILED} for any parameter not in {@code known}. */
    static void onlyKnown(HttpServletRequest request, Set<String> known) {
        Set<String> unknown = new TreeSet<>(request.getParameterMap().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw EventFilter.invalid("unknown parameter " + unknown.iterator().next() + "; known: "
                    + new TreeSet<>(known));
        }
    }

    static EventFilter filter(HttpServletRequest request) {
        return new EventFilter(request.getParameter("aggregateType"), request.getParameter("aggregateId"),
                request.getParameter("eventType"), request.getParameter("account"), request.getParameter("market"),
                request.getParameter("correlationId"), instant(request, "from"), instant(request, "to"),
                position(request, "afterPosition"), position(request, "toPosition"));
    }

    static Instant instant(HttpServletRequest request, String name) {
        return QueryParameters.instant(name, request.getParameter(name));
    }

    /** @return {@code null} when absent; {@code VALIDATION_FAILED} unless a whole number from 0 */
    static Long position(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null) {
            return null;
        }
        if (!value.matches("\\d{1,18}")) {
            throw EventFilter.invalid(name + " must be an event-store position (a whole number from 0)");
        }
        return Long.parseLong(value);
    }

    static Integer integer(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null) {
            return null;
        }
        if (!value.matches("-?\\d{1,9}")) {
            throw EventFilter.invalid(name + " must be a whole number");
        }
        return Integer.parseInt(value);
    }
}
