package org.exchange.query.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's copy of an order book, built as the depth streams' documented procedure says: a REST
 * snapshot, then the diffs after it (skip those it covers; the first applied starts at or before the
 * snapshot's next sequence; each later one right after the previous; a quantity of 0 removes the
 * level). Written for the native API and Binance's alike, which differ only in their field names.
 */
public final class BookCopy {

    /**
     * @param snapshotSequence the snapshot's sequence field; the snapshot's levels are {@code bids}/{@code asks}
     * @param first            a diff's first covered sequence, {@code last} its last
     */
    public record Fields(String snapshotSequence, String first, String last, String bids, String asks) {
        public static final Fields NATIVE = new Fields("sequence", "firstSequence", "lastSequence", "bids", "asks");
        public static final Fields BINANCE = new Fields("lastUpdateId", "U", "u", "b", "a");
    }

    private BookCopy() {
    }

    /** The snapshot with the diffs applied; asserts that they continue it without a gap. */
    public static Map<String, Map<BigDecimal, String>> rebuilt(JsonNode snapshot, List<JsonNode> diffs, Fields fields) {
        Map<String, Map<BigDecimal, String>> book = levels(snapshot);
        long applied = snapshot.path(fields.snapshotSequence()).asLong();
        boolean first = true;
        for (JsonNode diff : diffs) {
            if (diff.path(fields.last()).asLong() <= applied) {
                continue;
            }
            if (first) {
                assertThat(diff.path(fields.first()).asLong()).as("no gap after the snapshot").isLessThanOrEqualTo(applied + 1);
                first = false;
            } else {
                assertThat(diff.path(fields.first()).asLong()).as("no gap after " + applied).isEqualTo(applied + 1);
            }
            apply(diff.path(fields.bids()), book.get("bids"));
            apply(diff.path(fields.asks()), book.get("asks"));
            applied = diff.path(fields.last()).asLong();
        }
        return book;
    }

    /** A depth answer's levels, {@code bids} and {@code asks}, by price. */
    public static Map<String, Map<BigDecimal, String>> levels(JsonNode depth) {
        Map<String, Map<BigDecimal, String>> book = Map.of("bids", new TreeMap<>(Comparator.reverseOrder()),
                "asks", new TreeMap<>());
        for (String side : List.of("bids", "asks")) {
            depth.path(side).forEach(level -> book.get(side).put(new BigDecimal(level.get(0).asText()), level.get(1).asText()));
        }
        return book;
    }

    private static void apply(JsonNode changes, Map<BigDecimal, String> side) {
        for (JsonNode level : changes) {
            BigDecimal price = new BigDecimal(level.get(0).asText());
            if (new BigDecimal(level.get(1).asText()).signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, level.get(1).asText());
            }
        }
    }
}
