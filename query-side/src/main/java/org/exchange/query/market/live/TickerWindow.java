package org.exchange.query.market.live;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Rolling 24 h statistics of one market's trades, kept as one bucket per second with trades, so that
 * memory is bounded by 86,400 buckets whatever the trade rate.
 * <p>
 * The window (the same definition as the REST ticker): {@code closeTime} is the last trade's
 * timestamp, {@code openTime} the start of the second 86,399 s before the second of {@code closeTime};
 * the window holds every trade with {@code openTime <= executedAt <= closeTime}, i.e. the trades of
 * the 86,400 whole seconds ending with the last trade's second. {@code open} is the first of them in
 * trade sequence order, {@code last} the last.
 */
final class TickerWindow {

    static final Duration LENGTH = Duration.ofHours(24);
    private static final long SECONDS = LENGTH.toSeconds();

    private final NavigableMap<Long, Bucket> buckets = new TreeMap<>();
    private BigDecimal volume = BigDecimal.ZERO;
    private BigDecimal quoteVolume = BigDecimal.ZERO;
    private long trades;
    private Instant closeTime;
    private BigDecimal last;
    private BigDecimal lastQuantity;
    private long lastTrade;
    /** The close of the latest bucket that left the window: the last price before it. */
    private BigDecimal prevClose;

    private static final class Bucket {
        private final BigDecimal open;
        private final long firstTrade;
        private BigDecimal high;
        private BigDecimal low;
        private BigDecimal close;
        private BigDecimal volume = BigDecimal.ZERO;
        private BigDecimal quoteVolume = BigDecimal.ZERO;
        private long trades;

        private Bucket(BigDecimal price, long trade) {
            this.open = price;
            this.firstTrade = trade;
            this.high = price;
            this.low = price;
        }
    }

    /**
     * @param prevClose  the last price before the window, {@code null} if no trade left it yet
     * @param firstTrade the trade sequence of the window's first trade, {@code lastTrade} of its last
     */
    record Stats(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal last, BigDecimal volume,
                 BigDecimal quoteVolume, long trades, Instant openTime, Instant closeTime, BigDecimal lastQuantity,
                 BigDecimal prevClose, long firstTrade, long lastTrade) {
    }

    /** @param trade the trade's sequence in its market */
    void add(Instant executedAt, BigDecimal price, BigDecimal quantity, BigDecimal quoteQuantity, long trade) {
        long second = executedAt.getEpochSecond();
        Bucket bucket = buckets.computeIfAbsent(second, key -> new Bucket(price, trade));
        bucket.high = bucket.high.max(price);
        bucket.low = bucket.low.min(price);
        bucket.close = price;
        bucket.volume = bucket.volume.add(quantity);
        bucket.quoteVolume = bucket.quoteVolume.add(quoteQuantity);
        bucket.trades++;
        volume = volume.add(quantity);
        quoteVolume = quoteVolume.add(quoteQuantity);
        trades++;
        if (closeTime == null || !executedAt.isBefore(closeTime)) {
            closeTime = executedAt;
            last = price;
            lastQuantity = quantity;
            lastTrade = trade;
        }
        evictBefore(openSecond());
    }

    /** The statistics as of the last trade; {@code null} before any trade. */
    Stats stats() {
        if (closeTime == null) {
            return null;
        }
        BigDecimal high = null;
        BigDecimal low = null;
        for (Bucket bucket : buckets.values()) {
            high = high == null ? bucket.high : high.max(bucket.high);
            low = low == null ? bucket.low : low.min(bucket.low);
        }
        Bucket first = buckets.firstEntry().getValue();
        return new Stats(first.open, high, low, last, volume, quoteVolume, trades,
                Instant.ofEpochSecond(openSecond()), closeTime, lastQuantity, prevClose, first.firstTrade, lastTrade);
    }

    int buckets() {
        return buckets.size();
    }

    private long openSecond() {
        return closeTime.getEpochSecond() - (SECONDS - 1);
    }

    private void evictBefore(long second) {
        while (!buckets.isEmpty() && buckets.firstKey() < second) {
            Map.Entry<Long, Bucket> oldest = buckets.pollFirstEntry();
            prevClose = oldest.getValue().close;
            volume = volume.subtract(oldest.getValue().volume);
            quoteVolume = quoteVolume.subtract(oldest.getValue().quoteVolume);
            trades -= oldest.getValue().trades;
        }
    }
}
