package org.exchange.query.binance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * How many decimals each asset carries ({@code exchange.assets}, the same list the command side holds
 * its balances to), for Binance's {@code baseAssetPrecision}/{@code quoteAssetPrecision} and for
 * writing amounts with as many decimals as Binance writes them. An asset not listed gets
 * {@value #BINANCE_DEFAULT}, what Binance reports for nearly every asset.
 */
@Validated
@ConfigurationProperties("exchange")
record AssetPrecisions(List<@Valid Listing> assets) {

    static final int BINANCE_DEFAULT = 8;

    AssetPrecisions {
        assets = assets == null ? List.of() : List.copyOf(assets);
    }

    record Listing(@NotBlank String code, @Min(0) @Max(18) int scale) {
    }

    int of(String asset) {
        return assets.stream().filter(listing -> listing.code().equals(asset)).mapToInt(Listing::scale).findFirst()
                .orElse(BINANCE_DEFAULT);
    }
}
