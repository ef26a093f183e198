package org.exchange.command.market;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.exchange.command.caching.BoundedLruCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded aggregates in memory, so that a command does not replay an aggregate's whole history:
 * a market's every order, an account's every deposit, hold and settlement (measured: without it a
 * 2,000-order run slowed to ~9 orders/s as accounts grew). Each cache keeps a bounded number of the
 * most recently used aggregates, strongly referenced ({@link BoundedLruCache}); one that falls out is
 * replayed on its next command. Why a cache is safe here: see
 * {@link Market}; accounts and orders are also changed by the settlement handler, which loads them
 * through the same cached repositories in this process. Another node holding a stale copy only gets
 * an optimistic-lock failure (the event store's unique sequence), never a wrong balance.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCacheConfiguration {

    /** The bean name {@code @Aggregate(cache = …)} refers to. */
    public static final String MARKET_CACHE = "marketCache";

    public static final String ACCOUNT_CACHE = "accountCache";
    public static final String ORDER_CACHE = "orderCache";

    @Bean(MARKET_CACHE)
    public Cache marketCache(@Value("${exchange.cache.markets:256}") int capacity) {
        return new BoundedLruCache(capacity);
    }

    /*
     * Accounts and orders are cached only when this process is the only command node. With several
     * (axon.distributed.enabled, ADR 0009) a trade is settled on the node that owns its market, which
     * also changes the traders' accounts and orders; the nodes that own those by id would keep stale
     * copies and refuse their next command with a ConcurrencyException (seen in
     * SeparateSagaProcessSystemIT). Markets and trades are only ever changed on their own node.
     */
    @Bean(ACCOUNT_CACHE)
    public Cache accountCache(@Value("${exchange.cache.accounts:10000}") int capacity,
                              @Value("${axon.distributed.enabled:false}") boolean severalNodes) {
        return severalNodes ? NoCache.INSTANCE : new BoundedLruCache(capacity);
    }

    @Bean(ORDER_CACHE)
    public Cache orderCache(@Value("${exchange.cache.orders:20000}") int capacity,
                            @Value("${axon.distributed.enabled:false}") boolean severalNodes) {
        return severalNodes ? NoCache.INSTANCE : new BoundedLruCache(capacity);
    }
}
