package org.exchange.command.order;

import org.exchange.api.market.MarketId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.TransientDataAccessException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * While one request's command runs at a market, another request for that market waits for its turn
 * and, past the wait limit, is refused as a transient failure (answered {@code 503} with
 * {@code Retry-After}, like a request that got no database connection); other markets are not held up.
 */
class MarketTurnsTest {

    private static final MarketId BTC_USDT = MarketId.of("BTC-USDT");
    private static final MarketId ETH_USDT = MarketId.of("ETH-USDT");

    // threads of its own: the common pool may have a single one on a 2-core machine (docs/pitfalls.md)
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final CountDownLatch finish = new CountDownLatch(1);

    @AfterEach
    void stop() {
        finish.countDown();
        threads.shutdownNow();
    }

    /** A command at the market that runs until {@link #finish}; returned once it runs. */
    private CompletableFuture<String> running(MarketTurns turns) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<String> command = CompletableFuture.supplyAsync(() -> turns.inTurn(BTC_USDT, () -> {
            running.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return "first";
        }), threads);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return command;
    }

    @Test
    void aRequestThatDoesNotGetItsTurnInTimeIsRefusedAndOtherMarketsGoOn() throws Exception {
        MarketTurns turns = new MarketTurns(Duration.ofMillis(200));
        CompletableFuture<String> first = running(turns);

        assertThatThrownBy(() -> turns.inTurn(BTC_USDT, () -> "second"))
                .isInstanceOf(CannotAcquireLockException.class)
                .isInstanceOf(TransientDataAccessException.class)
                .hasMessageContaining("BTC-USDT");
        assertThat(turns.inTurn(ETH_USDT, () -> "another market")).isEqualTo("another market");

        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(turns.inTurn(BTC_USDT, () -> "third")).isEqualTo("third");
    }

    @Test
    void aWaitingRequestRunsOnceTheCurrentCommandIsDone() throws Exception {
        MarketTurns turns = new MarketTurns(Duration.ofSeconds(30));
        CompletableFuture<String> first = running(turns);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(
                () -> turns.inTurn(BTC_USDT, () -> "second"), threads);

        assertThat(second).as("the market's current command still runs").isNotDone();
        finish.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
    }

    @Test
    void aFailedCommandGivesItsTurnBack() {
        MarketTurns turns = new MarketTurns(Duration.ofMillis(200));

        assertThatThrownBy(() -> turns.inTurn(BTC_USDT, () -> {
            throw new IllegalStateException("refused by the book");
        })).hasMessage("refused by the book");

        assertThat(turns.inTurn(BTC_USDT, () -> "next")).isEqualTo("next");
    }
}
