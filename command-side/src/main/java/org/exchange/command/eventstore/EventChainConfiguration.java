package org.exchange.command.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.exchange.platform.axon.JpaEventStorage;
import org.exchange.platform.eventchain.CheckpointKeys;
import org.exchange.platform.eventchain.EventSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tamper-evident event store (ADR 0019): Axon's JPA storage engine, built as Axon's
 * auto-configuration builds it, but sealing what it appends; the one-time sealing of earlier events
 * before anything is appended; and the periodic signed checkpoints. Defining the storage engine
 * switches Axon's JPA event-store auto-configuration off, hence its entities here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventChainProperties.class)
@EnableScheduling
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
class EventChainConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EventChainConfiguration.class);

    @Bean
    EventSeals eventSeals(EventChainProperties properties, JdbcTemplate jdbc) {
        return new EventSeals(EventSeal.withKey(properties.sealKey()), jdbc);
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration axon,
                                          EntityManagerProvider entityManagerProvider,
                                          TransactionManager transactionManager, EventSeals seals) {
        return new SealingEventStorageEngine(JpaEventStorage.builder(defaultSerializer, eventSerializer,
                persistenceExceptionResolver, axon, entityManagerProvider, transactionManager), transactionManager, seals);
    }

    /** Before any event processor or web request can append: the singletons exist, nothing runs yet. */
    @Bean
    SmartInitializingSingleton earlierEventsSealed(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                                   EventSeals seals) {
        return () -> {
            int sealed = new ChainOrigin(jdbc, new TransactionTemplate(transactions), seals).sealEarlierEvents();
            if (sealed > 0) {
                LOG.info("sealed {} events stored before the event store was sealed (ADR 0019)", sealed);
            }
        };
    }

    @Bean
    CheckpointWriter checkpointWriter(EventChainProperties properties, JdbcTemplate jdbc,
                                      PlatformTransactionManager transactions) {
        return new CheckpointWriter(jdbc, new TransactionTemplate(transactions),
                CheckpointKeys.privateKey(properties.checkpointPrivateKey()));
    }

    @Bean
    Checkpoints checkpoints(CheckpointWriter writer) {
        return new Checkpoints(writer);
    }

    /** Signs a checkpoint every {@code exchange.event-chain.checkpoint-interval}. */
    static class Checkpoints {

        private final CheckpointWriter writer;

        Checkpoints(CheckpointWriter writer) {
            this.writer = writer;
        }

        @Scheduled(fixedDelayString = "${exchange.event-chain.checkpoint-interval}",
                initialDelayString = "${exchange.event-chain.checkpoint-interval}")
        void checkpoint() {
            try {
                writer.write();
            } catch (RuntimeException e) {
                LOG.warn("could not sign an event-store checkpoint; the next run tries again", e);
            }
        }
    }
}
