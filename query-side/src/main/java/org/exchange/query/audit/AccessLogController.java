package org.exchange.query.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.exchange.platform.audit.AuditAccessLog;
import org.exchange.query.page.QueryParameters;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who used the audit API: the access log every service serving {@code /api/v1/audit/**} writes
 * (platform {@code AuditAccessLogFilter}), newest first. Reading it is itself an audit request, and
 * recorded.
 */
@RestController
@PreAuthorize("hasRole('auditor')")
class AccessLogController {

    private static final Set<String> PARAMETERS = Set.of("account", "from", "to", "beforeId", "limit");

    private final AuditAccessLog log;

    AccessLogController(AuditAccessLog log) {
        this.log = log;
    }

    /**
     * @param receivedAt when the request arrived
     * @param status     the answer's HTTP status ({@code null} while the request is being served)
     */
    record AccessView(long id, String receivedAt, String service, String method, String path, String query,
                      String accountId, String username, List<String> roles, String apiKeyId, Integer status) {
    }

    /** @param nextBeforeId pass as {@code beforeId} for the next (older) page; {@code null} after the last */
    record AccessPage(List<AccessView> entries, Long nextBeforeId) {
    }

    @GetMapping("/api/v1/audit/access-log")
    AccessPage accessLog(HttpServletRequest request) {
        AuditParameters.onlyKnown(request, PARAMETERS);
        String account = EventFilter.id("account", request.getParameter("account"));
        Instant from = AuditParameters.instant(request, "from");
        Instant to = AuditParameters.instant(request, "to");
        QueryParameters.ordered(from, to);
        Long before = AuditParameters.position(request, "beforeId");
        int limit = QueryParameters.limit(AuditParameters.integer(request, "limit"), AuditEventController.DEFAULT_PAGE,
                1000);
        List<AuditAccessLog.Entry> entries = log.entries(account, from, to, before, limit);
        List<AccessView> views = entries.stream().map(entry -> new AccessView(entry.id(), entry.receivedAt().toString(),
                entry.service(), entry.method(), entry.path(), entry.query(), entry.accountId(), entry.username(),
                entry.roles(), entry.apiKeyId(), entry.status())).toList();
        return new AccessPage(views, entries.size() == limit ? entries.getLast().id() : null);
    }
}
