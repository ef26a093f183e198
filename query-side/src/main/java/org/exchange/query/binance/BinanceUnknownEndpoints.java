package org.exchange.query.binance;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.binance.BinanceError;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any other path or method under {@code /api/v3}: Binance's "not supported" ({@code -1020}, 404 or
 * 405) rather than a problem document a Binance client cannot read. More specific mappings win.
 */
@RestController
class BinanceUnknownEndpoints {

    @RequestMapping(BinanceError.PATH + "/**")
    void unknown() {
        throw new ExchangeException(ErrorCode.NOT_FOUND, "no such endpoint");
    }
}
