package org.exchange.platform.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.exchange.api.common.ErrorCode;
import org.exchange.platform.security.Caller;
import org.exchange.platform.web.ProblemWriter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies the rate limits to every API request once it is authenticated: the client address's
 * bucket always, the account's when a user is known, the API key's when a key signed the request.
 * Every answer says how much is left ({@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}, of
 * the emptiest bucket); a refused request gets {@code 429 RATE_LIMITED} with {@code Retry-After}.
 * Answers on the Binance-compatible paths also carry Binance's usage header,
 * {@code X-MBX-USED-WEIGHT-1S}: what is used of that bucket (every request weighs 1), under the
 * interval exchangeInfo's {@code REQUEST_WEIGHT} limit names.
 */
public final class RateLimits extends OncePerRequestFilter {

    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    static final String BINANCE_USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1S";
    private static final String BINANCE_PATH = "/api/v3/";

    private final RateLimiter limiter;
    private final AccessProperties.RateLimits limits;
    private final ProblemWriter problems;

    RateLimits(RateLimiter limiter, AccessProperties.RateLimits limits, ProblemWriter problems) {
        this.limiter = limiter;
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limits.enabled() || !path(request).startsWith("/api/");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, AccessProperties.Bucket> buckets = new LinkedHashMap<>();
        buckets.put("ip:" + ClientAddress.of(request).getHostAddress(), limits.ip());
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            buckets.put("account:" + caller.accountId(), limits.account());
            if (caller.viaApiKey()) {
                buckets.put("key:" + caller.apiKeyId(), limits.apiKey());
            }
        }
        RateLimiter.Decision decision = limiter.take(buckets);
        if (decision.limit() >= 0) {
            response.setHeader(LIMIT_HEADER, Long.toString(decision.limit()));
            response.setHeader(REMAINING_HEADER, Long.toString(decision.remaining()));
            if (path(request).startsWith(BINANCE_PATH)) {
                response.setHeader(BINANCE_USED_WEIGHT_HEADER, Long.toString(decision.limit() - decision.remaining()));
            }
        }
        if (!decision.granted()) {
            response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            problems.write(request, response, ErrorCode.RATE_LIMITED,
                    "too many requests; retry after " + decision.retryAfterSeconds() + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
