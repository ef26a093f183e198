package org.exchange.command.market;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.exchange.api.common.Amounts;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.common.TextFields;
import org.exchange.api.market.HaltMarketCommand;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.OpenMarketCommand;
import org.exchange.api.market.ResumeMarketCommand;
import org.exchange.command.account.AssetCatalog;
import org.exchange.platform.web.ExchangeFailures;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/** Admins open markets and halt or resume trading in them. */
@RestController
@RequestMapping("/api/v1/admin/markets")
@PreAuthorize("hasRole('admin')")
class MarketAdminController {

    private static final long COMMAND_TIMEOUT_SECONDS = 10;
    private static final int MAX_REASON_LENGTH = 500;

    private final CommandGateway commands;
    private final AssetCatalog assets;

    MarketAdminController(CommandGateway commands, AssetCatalog assets) {
        this.commands = commands;
        this.assets = assets;
    }

    /** Decimal fields are strings, like every amount on the wire. */
    record OpenMarketRequest(String base, String quote, String tickSize, String stepSize, String minQuantity,
                             String maxQuantity, String minNotional, String makerFeeRate, String takerFeeRate) {
    }

    record MarketResponse(String market, String status) {
    }

    record HaltRequest(String reason) {
    }

    /** Resuming takes no parameters: the body, if any, is an empty object ({@code {}}). */
    record ResumeRequest() {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    MarketResponse open(@RequestBody OpenMarketRequest request) {
        String base = required("base", request.base());
        String quote = required("quote", request.quote());
        MarketSpec spec = new MarketSpec(assets.asset(base), assets.asset(quote),
                decimal("tickSize", request.tickSize()), decimal("stepSize", request.stepSize()),
                decimal("minQuantity", request.minQuantity()), decimal("maxQuantity", request.maxQuantity()),
                decimal("minNotional", request.minNotional()), decimal("makerFeeRate", request.makerFeeRate()),
                decimal("takerFeeRate", request.takerFeeRate()))
                .validated(assets.scaleOf(base), assets.scaleOf(quote));
        MarketId market = MarketId.of(spec.base(), spec.quote());
        String status = commands.sendAndWait(new OpenMarketCommand(market, spec), COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new MarketResponse(market.value(), status);
    }

    // consumes: a body, if any, is JSON (without it, "Content-Type: */*" failed inside Spring as a 500)
    @PostMapping(path = "/{market}/halt", consumes = MediaType.APPLICATION_JSON_VALUE)
    MarketResponse halt(@PathVariable String market, @RequestBody(required = false) HaltRequest request) {
        String reason = request == null || request.reason() == null ? "halted by an administrator"
                : TextFields.text("reason", request.reason(), MAX_REASON_LENGTH);
        MarketId id = MarketId.of(market);
        send(new HaltMarketCommand(id, reason), id);
        return new MarketResponse(id.value(), "HALTED");
    }

    @PostMapping(path = "/{market}/resume", consumes = MediaType.APPLICATION_JSON_VALUE)
    MarketResponse resume(@PathVariable String market, @RequestBody(required = false) ResumeRequest request) {
        MarketId id = MarketId.of(market);
        send(new ResumeMarketCommand(id), id);
        return new MarketResponse(id.value(), "TRADING");
    }

    private void send(Object command, MarketId market) {
        try {
            commands.sendAndWait(command, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException failure) {
            if (ExchangeFailures.find(failure, AggregateNotFoundException.class) != null) {
                throw new ExchangeException(ErrorCode.UNKNOWN_MARKET, "no market " + market);
            }
            throw failure;
        }
    }


    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ExchangeException(ErrorCode.VALIDATION_FAILED, field + " is required");
        }
        return value;
    }

    private static BigDecimal decimal(String field, String value) {
        return Amounts.parse(field, value);
    }
}
