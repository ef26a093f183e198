package org.exchange.query.binance;

import org.exchange.platform.binance.BinanceErrorAnswers;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The Binance-shaped refusals ({@link BinanceErrorAnswers}) for the controllers of this package,
 * ahead of the platform's problem-details advice.
 */
@RestControllerAdvice(basePackageClasses = BinanceErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class BinanceErrorAdvice extends BinanceErrorAnswers {
}
