package org.exchange.api.account;

import java.math.BigDecimal;

/**
 * The answer to a {@link ReserveFundsCommand}, also for a repeat: whether the order's funds are
 * held, and how much ({@code amount} is what was asked, or what was available for a request without
 * an amount; zero when refused).
 */
public record HoldResult(boolean reserved, BigDecimal amount) {
}
