package org.exchange.platform.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.exchange.api.common.ErrorCode;
import org.exchange.platform.security.Caller;
import org.exchange.platform.web.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.util.TreeSet;

/**
 * Records every request to {@value #PREFIX}** in the {@link AuditAccessLog}, whatever becomes of
 * it: refused for a missing or bad credential, refused for the role, invalid, or answered. It sits in
 * the security chain just inside the security context (so the caller is still known when the answer
 * has been written) and outside authentication (so refusals pass through it). A request that cannot
 * be recorded is not served (503): an audit query must never go unrecorded.
 */
public final class AuditAccessLogFilter extends OncePerRequestFilter {

    public static final String PREFIX = "/api/v1/audit/";

    private static final Logger LOG = LoggerFactory.getLogger(AuditAccessLogFilter.class);

    private final AuditAccessLog log;
    private final ProblemWriter problems;
    private final Clock clock;

    AuditAccessLogFilter(AuditAccessLog log, ProblemWriter problems, Clock clock) {
        this.log = log;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith(PREFIX) && !path.equals(PREFIX.substring(0, PREFIX.length() - 1));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long id;
        try {
            id = log.received(clock.instant(), request.getMethod(), request.getRequestURI(), request.getQueryString());
        } catch (DataAccessException unavailable) {
            LOG.error("audit request not served: the access log cannot be written ({} {})", request.getMethod(),
                    request.getRequestURI(), unavailable);
            problems.write(request, response, ErrorCode.SERVICE_UNAVAILABLE,
                    "audit requests are recorded, and the record cannot be written now; retry later");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            complete(id, response.getStatus());
        }
    }

    private void complete(long id, int status) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Caller caller = authentication != null && authentication.getPrincipal() instanceof Caller known ? known : null;
        try {
            if (caller == null) {
                log.answered(id, null, null, null, null, status);
            } else {
                log.answered(id, caller.accountId(), caller.username(), String.join(",", new TreeSet<>(caller.roles())),
                        caller.apiKeyId(), status);
            }
        } catch (DataAccessException failed) {
            // the request is recorded (received); only who asked and the outcome are missing
            LOG.error("audit access log entry {} not completed: caller {} status {}", id,
                    caller == null ? null : caller.accountId(), status, failed);
        }
    }
}
