package org.exchange.command.saga;

import org.exchange.saga.order.OrderSagaConfiguration;
import org.exchange.saga.trade.TradeSettlementConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Runs the order saga and trade settlement inside the command side (one process, the default of
 * {@code ./exchange up}: see ADR 0009) when {@code exchange.sagas.embedded=true}. Without it, the
 * saga-orchestrator service runs them and sends its commands here over the distributed command bus.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "exchange.sagas.embedded", havingValue = "true")
@Import({OrderSagaConfiguration.class, TradeSettlementConfiguration.class})
class EmbeddedSagas {
}
