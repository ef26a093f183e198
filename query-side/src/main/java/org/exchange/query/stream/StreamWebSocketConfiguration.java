package org.exchange.query.stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The native streams at {@code /api/v1/stream}. Any origin may connect: the endpoint uses no
 * cookies, and personal channels need a token the page must hold itself, so a foreign page gains
 * nothing a plain script could not.
 */
@Configuration
@EnableWebSocket
class StreamWebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/api/v1/stream";

    private final NativeStreamHandler handler;

    StreamWebSocketConfiguration(NativeStreamHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH).setAllowedOriginPatterns("*");
    }

    /** Requests are small; a client that sends huge frames is closed by the container. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(64 * 1024);
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }
}
