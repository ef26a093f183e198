package org.exchange.query.market.live;

import org.exchange.query.page.QueryParameters;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.MarketId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Public order book depth from the in-memory books. {@code sequence} is the Market aggregate's
 * sequence number of the last event the book reflects: a client applies the {@code depth:<market>}
 * stream's diffs after it (docs/api-guide.md).
 */
@RestController
class DepthController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final LiveMarkets markets;

    DepthController(LiveMarkets markets) {
        this.markets = markets;
    }

    record DepthView(String market, long sequence, List<List<String>> bids, List<List<String>> asks) {
    }

    /** @param limit price levels per side, 1 to 1000 (100 by default) */
    @GetMapping("/api/v1/markets/{market}/depth")
    DepthView depth(@PathVariable String market, @RequestParam(required = false) Integer limit) {
        int levels = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        BookDepth depth = markets.depth(MarketId.of(market).value(), levels)
                .orElseThrow(() -> new ExchangeException(ErrorCode.UNKNOWN_MARKET, "no market " + market));
        return new DepthView(depth.market(), depth.sequence(),
                depth.bids().stream().map(BookDepth.Level::pair).toList(),
                depth.asks().stream().map(BookDepth.Level::pair).toList());
    }
}
