package org.exchange.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Beyond the number of API requests a process works on at once, the next one is refused at once
 * with a 503 the client can act on (code, Retry-After), and a slot freed admits requests again.
 */
class ConcurrencyLimitFilterTest {

    private final ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(2, Duration.ofMillis(50), new ProblemWriter());

    @Test
    void aRequestBeyondTheLimitIsRefusedWithRetryAfterAndAFreedSlotAdmitsAgain() throws Exception {
        CountDownLatch working = new CountDownLatch(2);
        CountDownLatch finish = new CountDownLatch(1);
        // threads of their own: the common pool may have a single thread on a small machine
        ExecutorService clients = Executors.newFixedThreadPool(2);
        Future<MockHttpServletResponse> first = clients.submit(() -> busy("/api/v1/orders", working, finish));
        Future<MockHttpServletResponse> second = clients.submit(() -> busy("/api/v1/orders", working, finish));
        assertThat(working.await(10, TimeUnit.SECONDS)).as("two requests at work").isTrue();

        MockHttpServletResponse refused = send("/api/v1/orders");
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(refused.getContentAsString());
        assertThat(problem.path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.path("detail").asText()).contains("nothing was done");

        MockHttpServletResponse binance = send("/api/v3/order");
        assertThat(binance.getStatus()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(binance.getContentAsString()).path("code").asInt()).isNegative();

        MockHttpServletResponse health = send("/actuator/health");
        assertThat(health.getStatus()).as("health is never limited").isEqualTo(200);

        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(second.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        clients.shutdown();
        assertThat(send("/api/v1/orders").getStatus()).as("admitted once slots are free").isEqualTo(200);
        assertThat(filter.available()).isEqualTo(2);
    }

    @Test
    void aFailingRequestGivesItsSlotBack() throws Exception {
        for (int i = 0; i < 5; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
            try {
                filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
                    throw new IllegalStateException("handler failed");
                });
            } catch (IllegalStateException expected) {
                // the handler's failure reaches the caller; the slot must not leak
            }
        }
        assertThat(filter.available()).isEqualTo(2);
        assertThat(send("/api/v1/orders").getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse busy(String path, CountDownLatch working, CountDownLatch finish) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(new MockHttpServletRequest("POST", path), response, (req, res) -> {
                working.countDown();
                try {
                    finish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (Exception failure) {
            throw new IllegalStateException(failure);
        }
        return response;
    }

    private MockHttpServletResponse send(String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", path), response, (req, res) -> { });
        return response;
    }
}
