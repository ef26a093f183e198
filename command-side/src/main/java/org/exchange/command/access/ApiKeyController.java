package org.exchange.command.access;

import org.exchange.platform.access.ApiKeys;
import org.exchange.platform.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Traders' API keys for their bots (ADR 0013). Only a login token manages keys, never a key
 * ({@code SignedRequests} refuses that). All three requests go to the command side through the
 * gateway, the GET included: keys are write-side state, not a projection.
 */
@RestController
@RequestMapping(ApiKeys.PATH)
@PreAuthorize("hasRole('trader')")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    /**
     * @param label       the owner's name for the key (1 to 64 characters)
     * @param permissions READ and/or TRADE
     * @param ipAllowList addresses or CIDR ranges the key may be used from; empty or absent: any
     */
    record ApiKeyRequest(String label, List<String> permissions, List<String> ipAllowList) {
    }

    /** A key as listed: never the secret. */
    record ApiKeyView(String keyId, String apiKey, String label, List<String> permissions, List<String> ipAllowList,
                      Instant createdAt, Instant revokedAt, boolean active) {

        static ApiKeyView of(ApiKeys.ApiKey key) {
            return new ApiKeyView(key.keyId().toString(), key.apiKey(), key.label(),
                    key.permissions().stream().map(Enum::name).toList(), key.ipAllowList(), key.createdAt(),
                    key.revokedAt(), key.active());
        }
    }

    /** The answer to creating a key, the only one that carries the secret. */
    record CreatedKeyView(String keyId, String apiKey, String secret, String label, List<String> permissions,
                          List<String> ipAllowList, Instant createdAt) {
    }

    record ApiKeysView(List<ApiKeyView> apiKeys) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    CreatedKeyView create(@AuthenticationPrincipal Caller caller, @RequestBody ApiKeyRequest request) {
        ApiKeys.Created created = keys.create(caller, request.label(), request.permissions(), request.ipAllowList());
        ApiKeys.ApiKey key = created.key();
        return new CreatedKeyView(key.keyId().toString(), key.apiKey(), created.secret(), key.label(),
                key.permissions().stream().map(Enum::name).toList(), key.ipAllowList(), key.createdAt());
    }

    @GetMapping
    ApiKeysView list(@AuthenticationPrincipal Caller caller) {
        return new ApiKeysView(keys.list(caller.accountId()).stream().map(ApiKeyView::of).toList());
    }

    /** Revokes one of the caller's keys; another account's key id is "not found", like an unknown one. */
    @DeleteMapping("/{keyId}")
    ApiKeyView revoke(@AuthenticationPrincipal Caller caller, @PathVariable String keyId) {
        return ApiKeyView.of(keys.revoke(caller.accountId(), keyId));
    }
}
