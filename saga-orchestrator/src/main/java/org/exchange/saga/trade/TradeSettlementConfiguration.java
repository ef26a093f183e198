package org.exchange.saga.trade;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.PropertySequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.TradeExecutedEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;

/**
 * Runs {@link TradeSettlement} in whatever application imports this class: a tracking processor on
 * the event store with {@link #SEGMENTS} segments, trades sequenced by their market (so one
 * market's trades are settled one after the other, in execution order, while markets proceed in
 * parallel), and failures propagated so the processor retries instead of skipping a trade.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class TradeSettlementConfiguration {

    public static final int SEGMENTS = 4;

    @Bean
    public TradeSettlement tradeSettlement(CommandGateway commands) {
        return new TradeSettlement(commands);
    }

    @Autowired
    void tradeSettlementProcessor(EventProcessingConfigurer processing) {
        String group = TradeSettlement.PROCESSING_GROUP;
        processing.registerTrackingEventProcessor(group, Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forParallelProcessing(SEGMENTS)
                                .andInitialSegmentsCount(SEGMENTS))
                // by market explicitly, not by whichever aggregate happened to apply the event
                .registerSequencingPolicy(group, configuration -> PropertySequencingPolicy
                        .builder(TradeExecutedEvent.class, MarketId.class)
                        .propertyExtractor(TradeExecutedEvent::marketId)
                        .fallbackSequencingPolicy(SequentialPerAggregatePolicy.instance())
                        .build())
                .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance());
    }
}
