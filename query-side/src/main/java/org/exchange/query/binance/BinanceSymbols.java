package org.exchange.query.binance;

import org.exchange.platform.binance.BinanceParameters;
import org.exchange.platform.binance.BinanceError;
import org.exchange.platform.binance.BinanceRefusal;
import org.exchange.query.market.ListedMarket;
import org.exchange.query.market.Markets;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binance's symbols ({@code BTCUSDT}) for our markets ({@code BTC-USDT}), from the markets read model:
 * a symbol is refused with {@code -1100} when it cannot be one, {@code -1121} when no market has it.
 * The {@code symbols} parameter is a JSON array of them: {@code ["BTCUSDT","ETHUSDT"]}.
 */
@Component
class BinanceSymbols {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9-_.]{1,20}");
    private static final String LEGAL_SYMBOLS = "^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$";

    private final Markets markets;
    private final JsonMapper json = JsonMapper.builder().build();

    BinanceSymbols(Markets markets) {
        this.markets = markets;
    }

    /** The market of {@code symbol}, the value of parameter {@code parameter}. */
    ListedMarket market(String parameter, String symbol) {
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new BinanceRefusal(BinanceError.illegalSymbol(parameter));
        }
        return markets.bySymbol(symbol).orElseThrow(() -> new BinanceRefusal(BinanceError.invalidSymbol()));
    }

    /** The markets of a {@code symbols} parameter, in the order given. */
    List<ListedMarket> markets(String symbols) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode symbol : array(symbols)) {
            if (!symbol.isString() || !SYMBOL.matcher(symbol.stringValue()).matches()) {
                throw new BinanceRefusal(BinanceError.illegalCharacters("symbols", LEGAL_SYMBOLS));
            }
            if (!names.add(symbol.stringValue())) {
                throw new BinanceRefusal(BinanceError.duplicateParameter());
            }
        }
        if (names.isEmpty()) {
            throw new BinanceRefusal(BinanceError.empty("symbols"));
        }
        List<ListedMarket> found = new ArrayList<>();
        for (String name : names) {
            found.add(markets.bySymbol(name).orElseThrow(() -> new BinanceRefusal(BinanceError.invalidSymbol())));
        }
        return found;
    }

    /**
     * The markets an endpoint taking {@code symbol} or {@code symbols} (not both: {@code -1128}) is
     * asked about; every listed market when neither is sent.
     */
    List<ListedMarket> chosen(BinanceParameters parameters) {
        String symbol = parameters.optional("symbol");
        String symbols = parameters.optional("symbols");
        if (symbol != null && symbols != null) {
            throw new BinanceRefusal(BinanceError.badCombination());
        }
        if (symbol != null) {
            return List.of(market("symbol", symbol));
        }
        return symbols != null ? markets(symbols) : markets.listed();
    }

    private JsonNode array(String symbols) {
        try {
            JsonNode parsed = json.readTree(symbols);
            if (parsed != null && parsed.isArray()) {
                return parsed;
            }
        } catch (JacksonException malformed) {
            // refused below, like any other text that is not an array of symbols
        }
        throw new BinanceRefusal(BinanceError.illegalCharacters("symbols", LEGAL_SYMBOLS));
    }
}
