package org.exchange.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.exchange.api.common.ErrorCode;
import org.exchange.platform.binance.BinanceError;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a problem straight to the servlet response, for refusals that happen in filters
 * (authentication, authorisation, rate limits, body size, rejected URLs) before any controller or advice
 * is involved. On the Binance-compatible paths ({@code /api/v3/…}) the refusal is written as Binance
 * writes it ({@link BinanceError}): its clients do not read problem documents.
 */
public final class ProblemWriter {

    private final ObjectMapper json = new ObjectMapper();

    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        if (BinanceError.applies(request)) {
            BinanceError error = BinanceError.of(code, detail);
            response.setStatus(error.httpStatus());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), error.body());
            return;
        }
        ProblemDetail problem = Problems.of(code, detail);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body(problem, Problems.instance(request.getRequestURI())));
    }

    /** The problem as the JSON object Spring MVC would write for it. */
    static Map<String, Object> body(ProblemDetail problem, URI instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (instance != null) {
            body.put("instance", instance.toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
