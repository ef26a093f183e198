package org.exchange.command.market.engine;

import java.util.Arrays;

/**
 * The price levels of one side, kept in a sorted array with the best level last. Matching, resting
 * near the touch and removing an emptied best level then touch only the end of the array, and a
 * level is found by binary search without allocation. A tree would bound insertion deep in the book
 * better, but books keep most activity within a few levels of the touch and the array is simpler.
 */
final class BookSide {

    private final Side side;
    /** Sort keys ascending (price for bids, minus price for asks), so the best level is last. */
    private long[] keys;
    private PriceLevel[] levels;
    private int size;
    private PriceLevel freeLevels;

    BookSide(Side side, int expectedLevels) {
        this.side = side;
        int capacity = Math.max(expectedLevels, 8);
        this.keys = new long[capacity];
        this.levels = new PriceLevel[capacity];
        for (int i = 0; i < capacity; i++) {
            PriceLevel level = new PriceLevel();
            level.nextFree = freeLevels;
            freeLevels = level;
        }
    }

    Side side() {
        return side;
    }

    int levelCount() {
        return size;
    }

    /** The best level, or {@code null} when the side is empty. */
    PriceLevel best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** The level {@code distance} steps behind the best one (0 is the best); distance < levelCount. */
    PriceLevel fromBest(int distance) {
        return levels[size - 1 - distance];
    }

    PriceLevel find(long price) {
        int index = Arrays.binarySearch(keys, 0, size, sortKey(price));
        return index >= 0 ? levels[index] : null;
    }

    PriceLevel findOrCreate(long price) {
        long key = sortKey(price);
        int index = Arrays.binarySearch(keys, 0, size, key);
        if (index >= 0) {
            return levels[index];
        }
        int insertAt = -index - 1;
        if (size == keys.length) {
            grow();
        }
        System.arraycopy(keys, insertAt, keys, insertAt + 1, size - insertAt);
        System.arraycopy(levels, insertAt, levels, insertAt + 1, size - insertAt);
        PriceLevel level = takeFreeLevel();
        level.price = price;
        keys[insertAt] = key;
        levels[insertAt] = level;
        size++;
        return level;
    }

    /** Removes an empty level and returns it to the pool. */
    void remove(PriceLevel level) {
        int index = Arrays.binarySearch(keys, 0, size, sortKey(level.price));
        int after = size - index - 1;
        System.arraycopy(keys, index + 1, keys, index, after);
        System.arraycopy(levels, index + 1, levels, index, after);
        size--;
        levels[size] = null;
        level.head = null;
        level.tail = null;
        level.totalQuantity = 0;
        level.orderCount = 0;
        level.nextFree = freeLevels;
        freeLevels = level;
    }

    private long sortKey(long price) {
        // prices are positive, so negation cannot overflow
        return side == Side.BUY ? price : -price;
    }

    private PriceLevel takeFreeLevel() {
        PriceLevel level = freeLevels;
        if (level == null) {
            return new PriceLevel();
        }
        freeLevels = level.nextFree;
        level.nextFree = null;
        return level;
    }

    private void grow() {
        keys = Arrays.copyOf(keys, keys.length * 2);
        levels = Arrays.copyOf(levels, levels.length * 2);
    }
}
