package org.exchange.query.page;


import java.util.List;
import java.util.function.Function;

/**
 * One page of a newest-first list and the cursor of the next one ({@code null} on the last page).
 * Pages hold 1 to {@value #MAX_LIMIT} items, {@value #DEFAULT_LIMIT} unless asked otherwise.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /**
     * The requested page size: {@code VALIDATION_FAILED} below 1, {@code LIMIT_TOO_LARGE} above
     * {@value #MAX_LIMIT}.
     */
    public static int limit(Integer requested) {
        return QueryParameters.limit(requested, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /**
     * @param rows   up to {@code limit + 1} rows, newest first: one more than the page shows tells
     *               whether another page follows
     * @param cursor the cursor of a row
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, PageCursor> cursor) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), cursor.apply(items.getLast()).encode());
    }
}
