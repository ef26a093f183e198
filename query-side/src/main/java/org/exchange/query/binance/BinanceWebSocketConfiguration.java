package org.exchange.query.binance;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Binance's WebSocket endpoints beside the native one: market streams at {@code /ws},
 * {@code /ws/<anything>} and {@code /stream}, the WebSocket API at {@code /ws-api/v3}. Any origin may
 * connect, as to the native streams: nothing rides on cookies.
 */
@Configuration
class BinanceWebSocketConfiguration implements WebSocketConfigurer {

    private final BinanceStreamHandler streams;
    private final BinanceWebSocketApiHandler api;

    BinanceWebSocketConfiguration(BinanceStreamHandler streams, BinanceWebSocketApiHandler api) {
        this.streams = streams;
        this.api = api;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(streams, BinanceStreamHandler.RAW_PATH, BinanceStreamHandler.RAW_PATH + "/**",
                        BinanceStreamHandler.COMBINED_PATH)
                .addInterceptors(streams)
                .setAllowedOriginPatterns("*");
        registry.addHandler(api, BinanceWebSocketApiHandler.PATH).addInterceptors(api).setAllowedOriginPatterns("*");
    }
}
