package org.exchange.saga.order;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Runs {@link OrderSaga} in whatever application imports this class (the saga orchestrator, or the
 * command side when sagas are embedded): a tracking processor on the event store, so a new event
 * reaches its saga at once, split into {@link #SEGMENTS} segments (a saga lives in the segment its
 * id hashes to, and all events of one order reach it in order). A handler that throws is not
 * logged and skipped, which is Axon's default for sagas: the processor rolls back and retries the
 * event with back-off until it succeeds.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@Import(OrderSaga.class)
public class OrderSagaConfiguration {

    /** Segments and, per node, threads; several nodes share the segments between them. */
    public static final int SEGMENTS = 4;

    /**
     * The saga's persistent deadlines (db-scheduler's table), replacing Axon's auto-configured manager
     * (same settings: the Spring Boot starter starts and stops the scheduler) with one for which a
     * cancel that races the deadline's firing is no failure ({@link FiringTolerantDeadlineManager}).
     */
    @Bean
    DeadlineManager deadlineManager(Scheduler scheduler, Configuration configuration,
            @Qualifier("eventSerializer") Serializer serializer, TransactionManager transactions,
            DeadlineManagerSpanFactory spans) {
        return new FiringTolerantDeadlineManager(DbSchedulerDeadlineManager.builder().scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration)).serializer(serializer)
                .transactionManager(transactions).spanFactory(spans).startScheduler(false).stopScheduler(false));
    }

    @Autowired
    void orderSagaProcessor(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessor(OrderSaga.PROCESSING_GROUP, Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forParallelProcessing(SEGMENTS)
                                .andInitialSegmentsCount(SEGMENTS))
                .registerListenerInvocationErrorHandler(OrderSaga.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
