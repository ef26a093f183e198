package org.exchange.command.account;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.DepositFundsCommand;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.DepositReceipt;
import org.exchange.api.common.Amounts;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.common.TextFields;
import org.exchange.command.eventstore.WrittenPositions;
import org.exchange.command.identity.IdentityDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/** Admins credit external deposits to traders' wallets. */
@RestController
@RequestMapping("/api/v1/admin/deposits")
class DepositController {

    private static final long COMMAND_TIMEOUT_SECONDS = 10;
    private static final int MAX_USER_LENGTH = 255;

    private final CommandGateway commands;
    private final AssetCatalog assets;
    private final IdentityDirectory identities;
    private final WrittenPositions positions;

    DepositController(CommandGateway commands, AssetCatalog assets, IdentityDirectory identities,
                      WrittenPositions positions) {
        this.commands = commands;
        this.assets = assets;
        this.identities = identities;
        this.positions = positions;
    }

    /**
     * @param user      the trader's login name
     * @param depositId optional; the caller's id for this deposit, making retries safe
     */
    record DepositRequest(String user, String asset, String amount, String depositId) {
    }

    /** @param position the event-store position of the account's latest event (read your writes) */
    record DepositResponse(String depositId, String user, String accountId, String asset, String amount,
                           boolean duplicate, long position) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('admin')")
    ResponseEntity<DepositResponse> deposit(@RequestBody DepositRequest request) {
        // checked before it is looked up: Keycloak must never see control characters or a lone surrogate
        String user = TextFields.word("user", request.user(), MAX_USER_LENGTH);
        Asset asset = assets.asset(required("asset", request.asset()));
        BigDecimal amount = Amounts.positive("amount", request.amount(), assets.scaleOf(asset.code()));
        DepositId depositId = depositId(request.depositId());
        IdentityDirectory.User owner = identities.findByUsername(user)
                .filter(IdentityDirectory.User::enabled)
                .orElseThrow(() -> new ExchangeException(ErrorCode.UNKNOWN_ACCOUNT, "no active user named " + user));

        DepositReceipt receipt = commands.sendAndWait(
                new DepositFundsCommand(AccountId.of(owner.id()), owner.username(), depositId, asset, amount),
                COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);

        DepositResponse body = new DepositResponse(receipt.depositId().value(), owner.username(),
                receipt.accountId().value(), receipt.asset().code(), receipt.amount().toPlainString(),
                receipt.duplicate(), positions.latestOf(receipt.accountId().value()));
        return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(body);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, field + " is required");
        }
        return value;
    }

    private static DepositId depositId(String given) {
        if (given == null) {
            return DepositId.random();
        }
        try {
            return DepositId.of(given);
        } catch (IllegalArgumentException invalid) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, invalid.getMessage());
        }
    }
}
