package org.exchange.platform.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The access store and the limits it keeps ({@code exchange.access.*}).
 *
 * @param enabled     whether this service authenticates API keys and limits request rates
 * @param store       the database holding keys and buckets; every replica of every service that
 *                    serves traders must point at the same one, so limits and revocations hold
 *                    across replicas
 * @param masterKey   seals API secrets at rest (at least 32 characters; {@code ./exchange} generates
 *                    one into {@code .run/secrets})
 * @param maxRecvWindow the longest {@code recvWindow} a signed request may ask for
 * @param maxKeysPerAccount API keys an account may hold (revoked ones do not count)
 * @param limits      request rates
 */
@ConfigurationProperties("exchange.access")
public record AccessProperties(boolean enabled, Store store, String masterKey, Duration maxRecvWindow,
                               Integer maxKeysPerAccount, RateLimits limits) {

    public AccessProperties {
        store = store == null ? new Store(null, null, null, null) : store;
        maxRecvWindow = maxRecvWindow == null ? Duration.ofSeconds(60) : maxRecvWindow;
        maxKeysPerAccount = maxKeysPerAccount == null ? 30 : maxKeysPerAccount;
        limits = limits == null ? new RateLimits(null, null, null, null) : limits;
    }

    /** JDBC settings; unset values fall back to the service's own {@code spring.datasource.*}. */
    public record Store(String url, String username, String password, Integer poolSize) {
    }

    /**
     * Token buckets: one per account, one per API key and one per client address. A request takes
     * one token from each bucket that applies and is refused when any of them is empty.
     */
    public record RateLimits(Boolean enabled, Bucket account, Bucket apiKey, Bucket ip) {

        public RateLimits {
            enabled = enabled == null || enabled;
            account = account == null ? new Bucket(1200, 20) : account;
            apiKey = apiKey == null ? new Bucket(1200, 20) : apiKey;
            ip = ip == null ? new Bucket(6000, 100) : ip;
        }
    }

    /**
     * @param capacity        the burst: requests allowed at once after a quiet spell
     * @param refillPerSecond the sustained rate
     */
    public record Bucket(int capacity, int refillPerSecond) {

        public Bucket {
            if (capacity < 1 || refillPerSecond < 1) {
                throw new IllegalArgumentException("a rate limit needs a capacity and a refill rate of at least 1");
            }
        }
    }
}
