package org.exchange.command.market.engine;

import java.util.Arrays;

/**
 * Place and cancel commands for one book held in primitive columns, so that replaying them costs
 * nothing but the book's own work. Grows while commands are added; {@link #trimmed()} gives an
 * exact-size copy to keep. Orders use {@link SelfTradePrevention#EXPIRE_TAKER}, as flow files do.
 * The one store behind {@link FlowFile} and the benchmark's flows.
 */
public final class OrderCommands {

    /** Per command; {@code null} for a cancel. */
    private OrderType[] types;
    private Side[] sides;
    private long[] orderIds;
    private long[] accountIds;
    private long[] prices;
    private long[] quantities;
    private int size;

    public OrderCommands(int expectedCommands) {
        int capacity = Math.max(expectedCommands, 16);
        types = new OrderType[capacity];
        sides = new Side[capacity];
        orderIds = new long[capacity];
        accountIds = new long[capacity];
        prices = new long[capacity];
        quantities = new long[capacity];
    }

    public void addPlace(long orderId, long accountId, Side side, OrderType type, long price, long quantity) {
        add(type, side, orderId, accountId, price, quantity);
    }

    /** A cancel keeps the account of the order it names, as flow files write it. */
    public void addCancel(long orderId, long accountId) {
        add(null, null, orderId, accountId, 0, 0);
    }

    /** Appends command {@code index} of another store. */
    public void addCopyOf(OrderCommands other, int index) {
        add(other.types[index], other.sides[index], other.orderIds[index], other.accountIds[index],
                other.prices[index], other.quantities[index]);
    }

    private void add(OrderType type, Side side, long orderId, long accountId, long price, long quantity) {
        if (size == types.length) {
            int capacity = size * 2;
            types = Arrays.copyOf(types, capacity);
            sides = Arrays.copyOf(sides, capacity);
            orderIds = Arrays.copyOf(orderIds, capacity);
            accountIds = Arrays.copyOf(accountIds, capacity);
            prices = Arrays.copyOf(prices, capacity);
            quantities = Arrays.copyOf(quantities, capacity);
        }
        types[size] = type;
        sides[size] = side;
        orderIds[size] = orderId;
        accountIds[size] = accountId;
        prices[size] = price;
        quantities[size] = quantity;
        size++;
    }

    /** An exact-size copy. */
    public OrderCommands trimmed() {
        OrderCommands copy = new OrderCommands(0);
        copy.types = Arrays.copyOf(types, size);
        copy.sides = Arrays.copyOf(sides, size);
        copy.orderIds = Arrays.copyOf(orderIds, size);
        copy.accountIds = Arrays.copyOf(accountIds, size);
        copy.prices = Arrays.copyOf(prices, size);
        copy.quantities = Arrays.copyOf(quantities, size);
        copy.size = size;
        return copy;
    }

    public int size() {
        return size;
    }

    /** Feeds the command at {@code index} (0-based) to the book. */
    public void replayCommand(OrderBook book, int index) {
        OrderType type = types[index];
        if (type == null) {
            book.cancel(orderIds[index]);
        } else {
            book.place(orderIds[index], accountIds[index], sides[index], type, prices[index], quantities[index],
                    0, SelfTradePrevention.EXPIRE_TAKER);
        }
    }

    /** Feeds every command to the book in order and returns how many were fed. */
    public int replay(OrderBook book) {
        for (int i = 0; i < size; i++) {
            replayCommand(book, i);
        }
        return size;
    }

    public boolean isCancel(int index) {
        return types[index] == null;
    }

    /** The order type of a place command, {@code null} for a cancel. */
    public OrderType type(int index) {
        return types[index];
    }

    public Side side(int index) {
        return sides[index];
    }

    public long orderId(int index) {
        return orderIds[index];
    }

    public long accountId(int index) {
        return accountIds[index];
    }

    public long price(int index) {
        return prices[index];
    }

    public long quantity(int index) {
        return quantities[index];
    }

    /** Same commands in the same order (capacity does not matter). */
    @Override
    public boolean equals(Object other) {
        return other instanceof OrderCommands that && size == that.size
                && Arrays.equals(types, 0, size, that.types, 0, size) && Arrays.equals(sides, 0, size, that.sides, 0, size)
                && Arrays.equals(orderIds, 0, size, that.orderIds, 0, size)
                && Arrays.equals(accountIds, 0, size, that.accountIds, 0, size)
                && Arrays.equals(prices, 0, size, that.prices, 0, size)
                && Arrays.equals(quantities, 0, size, that.quantities, 0, size);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(Arrays.copyOf(orderIds, size)) + Arrays.hashCode(Arrays.copyOf(prices, size));
    }
}
