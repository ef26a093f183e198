package org.exchange.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.exchange.api.common.ErrorCode;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Tomcat parses a query string only when someone first asks for a parameter, so a malformed one
 * ({@code ?x=%zz}, invalid UTF-8 such as {@code %ff}, more than {@code server.tomcat.max-parameter-count}
 * parameters) went unnoticed on an endpoint that reads none, and the request was carried out. This
 * parses it up front and refuses it ({@code 400 MALFORMED_REQUEST}). Form and multipart requests are
 * left alone: parsing would read their body, and no endpoint accepts them (they get a 415).
 */
public class QueryStringFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    public QueryStringFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null && !carriesParametersInBody(request.getContentType())) {
            try {
                request.getParameterMap();
            } catch (InvalidParameterException invalid) {
                problems.write(request, response, ErrorCode.MALFORMED_REQUEST,
                        "the query string is not valid (percent-encoding or too many parameters)");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean carriesParametersInBody(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.trim().toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }
}
