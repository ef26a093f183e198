package org.exchange.command.market.engine;

/**
 * Resting orders by id: an open-addressing hash map from {@code long} to {@link OrderNode} with
 * linear probing, so lookups neither box ids nor allocate. Removal shifts later entries of the
 * probe run back instead of leaving tombstones, which keeps lookups short under constant churn.
 */
final class OrderIndex {

    private static final long GOLDEN_RATIO = 0x9E3779B97F4A7C15L;

    private long[] keys;
    /** {@code null} marks a free slot, so every id including 0 can be a key. */
    private OrderNode[] values;
    private int mask;
    private int shift;
    private int size;
    private int resizeAt;

    OrderIndex(int expectedOrders) {
        int capacity = Integer.highestOneBit(Math.max(expectedOrders, 8) * 2 - 1) << 1;
        allocate(capacity);
    }

    int size() {
        return size;
    }

    OrderNode get(long key) {
        int slot = home(key);
        OrderNode value;
        while ((value = values[slot]) != null) {
            if (keys[slot] == key) {
                return value;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /** Adds an entry; the caller has checked that the key is absent. */
    void put(long key, OrderNode value) {
        if (size >= resizeAt) {
            rehash(values.length * 2);
        }
        insert(key, value);
        size++;
    }

    OrderNode remove(long key) {
        int slot = home(key);
        OrderNode value;
        while ((value = values[slot]) != null) {
            if (keys[slot] == key) {
                closeGap(slot);
                size--;
                return value;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /**
     * Empties {@code gap} and moves back each later entry of the probe run whose home slot lies at
     * or before the gap (cyclically), so that every entry stays reachable from its home slot.
     */
    private void closeGap(int gap) {
        values[gap] = null;
        int slot = (gap + 1) & mask;
        while (values[slot] != null) {
            int distanceFromHome = (slot - home(keys[slot])) & mask;
            int distanceFromGap = (slot - gap) & mask;
            if (distanceFromHome >= distanceFromGap) {
                keys[gap] = keys[slot];
                values[gap] = values[slot];
                values[slot] = null;
                gap = slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void insert(long key, OrderNode value) {
        int slot = home(key);
        while (values[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
    }

    /** Fibonacci hashing: the top bits of the product spread sequential ids evenly. */
    private int home(long key) {
        return (int) ((key * GOLDEN_RATIO) >>> shift);
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        OrderNode[] oldValues = values;
        allocate(capacity);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new OrderNode[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        resizeAt = capacity / 2;
    }
}
