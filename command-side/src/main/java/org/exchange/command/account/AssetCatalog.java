package org.exchange.command.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * The assets the exchange holds, each with the number of decimal places its balances carry.
 * Configured (exchange.assets) until asset listing becomes an admin operation with its own events.
 */
@Validated
@ConfigurationProperties("exchange")
public record AssetCatalog(@NotEmpty List<@Valid Listing> assets) {

    public record Listing(@NotBlank String code, @Min(0) @Max(18) int scale) {
    }

    /** The listed asset's scale; refuses assets the exchange does not hold. */
    public int scaleOf(String code) {
        return assets.stream()
                .filter(listing -> listing.code().equals(code))
                .mapToInt(Listing::scale)
                .findFirst()
                .orElseThrow(() -> new ExchangeException(ErrorCode.UNKNOWN_ASSET,
                        "asset " + code + " is not listed on this exchange"));
    }

    public Asset asset(String code) {
        scaleOf(code);
        return Asset.of(code);
    }
}
