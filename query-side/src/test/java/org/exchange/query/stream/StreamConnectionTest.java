package org.exchange.query.stream;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StreamConnectionTest {

    private final CountDownLatch clientReads = new CountDownLatch(1);
    private final CompletableFuture<CloseStatus> closedWith = new CompletableFuture<>();

    @Test
    void aClientThatDoesNotReadIsDisconnectedOnceItsOutboxIsFull() throws Exception {
        StreamConnection connection = new StreamConnection(session(), new NativeStreamEncoder(), 8, 1_000_000);

        int accepted = 0;
        for (int i = 0; i < 100 && connection.send("{\"n\":" + i + "}"); i++) {
            accepted++;
        }

        assertThat(accepted).isBetween(8, 9);
        assertThat(connection.isClosed()).isTrue();
        CloseStatus status = closedWith.get(5, TimeUnit.SECONDS);
        assertThat(status.getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(status.getReason()).isEqualTo(StreamConnection.SLOW_CONSUMER);
        assertThat(connection.send("{}")).isFalse();
    }

    @Test
    void anOutboxIsAlsoBoundedByItsSizeInCharacters() throws Exception {
        StreamConnection connection = new StreamConnection(session(), new NativeStreamEncoder(), 1_000, 100);

        assertThat(connection.send("x".repeat(60))).isTrue();
        boolean second = connection.send("x".repeat(60));
        boolean third = connection.send("x".repeat(60));

        assertThat(second && third).isFalse();
        assertThat(closedWith.get(5, TimeUnit.SECONDS).getReason()).isEqualTo(StreamConnection.SLOW_CONSUMER);
    }

    /** A session whose client never reads: the first send blocks until the test ends. */
    private WebSocketSession session() {
        return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{WebSocketSession.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getId" -> "slow";
                    case "sendMessage" -> {
                        clientReads.await();
                        yield null;
                    }
                    case "close" -> {
                        closedWith.complete(arguments == null || arguments.length == 0 ? CloseStatus.NORMAL : (CloseStatus) arguments[0]);
                        yield null;
                    }
                    case "isOpen" -> !closedWith.isDone();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    case "toString" -> "slow session";
                    default -> null;
                });
    }
}
