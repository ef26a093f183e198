package org.exchange.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.exchange.api.common.ErrorCode;
import org.exchange.platform.binance.BinanceError;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals written by filters (authentication, rate limits) reach a Binance client as Binance writes
 * them on the compatible API's paths, and as problem documents everywhere else.
 */
class ProblemWriterTest {

    private final ProblemWriter writer = new ProblemWriter();

    @Test
    void aRateLimitOnTheBinancePathsIsBinancesTooManyRequests() throws Exception {
        MockHttpServletResponse response = write("/api/v3/depth", ErrorCode.RATE_LIMITED, "too many requests; retry after 2 s");

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getContentType()).isEqualTo("application/json");
        JsonNode body = json(response);
        assertThat(body.path("code").asInt()).isEqualTo(-1003);
        assertThat(body.path("msg").asText()).startsWith("Too many requests");
        assertThat(body.properties()).hasSize(2);
    }

    @Test
    void credentialRefusalsCarryBinancesCodes() throws Exception {
        assertThat(json(write("/api/v3/account", ErrorCode.INVALID_API_KEY, "the API key is not valid")).path("code").asInt())
                .isEqualTo(-2015);
        assertThat(json(write("/api/v3/account", ErrorCode.INVALID_SIGNATURE, "no")).path("code").asInt()).isEqualTo(-1022);
        MockHttpServletResponse late = write("/api/v3", ErrorCode.TIMESTAMP_OUTSIDE_RECV_WINDOW, "late");
        assertThat(late.getStatus()).isEqualTo(400);
        assertThat(json(late).path("code").asInt()).isEqualTo(-1021);
        assertThat(write("/api/v3/account", ErrorCode.UNAUTHENTICATED, "no token").getStatus()).isEqualTo(401);
    }

    @Test
    void otherPathsKeepProblemDocuments() throws Exception {
        for (String path : new String[] {"/api/v1/orders", "/api/v30/depth", "/api/v3x"}) {
            MockHttpServletResponse response = write(path, ErrorCode.RATE_LIMITED, "too many requests; retry after 2 s");
            assertThat(response.getContentType()).as(path).isEqualTo("application/problem+json");
            assertThat(json(response).path("code").asText()).as(path).isEqualTo("RATE_LIMITED");
        }
    }

    @Test
    void everyRefusalHasABinanceCodeAndAnErrorStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            BinanceError error = BinanceError.of(code, "detail");
            assertThat(error.code()).as(code.name()).isNegative();
            assertThat(error.httpStatus()).as(code.name()).isBetween(400, 599);
            assertThat(error.msg()).as(code.name()).isNotBlank();
        }
    }

    private MockHttpServletResponse write(String path, ErrorCode code, String detail) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        writer.write(request, response, code, detail);
        return response;
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        return new ObjectMapper().readTree(response.getContentAsByteArray());
    }
}
