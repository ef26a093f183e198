package org.exchange.platform.access;

/**
 * The filters the security chain adds when API keys and rate limits are on: signed requests are
 * authenticated before bearer tokens are looked at, and limits are applied once the caller is known.
 */
public record AccessFilters(SignedRequests signedRequests, RateLimits rateLimits) {
}
