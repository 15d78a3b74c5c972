package dev.taskledger.table;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The one way to walk a query across pages: the items of {@code query} in order, reading the next page (after its
 * last evaluated key) only when the caller gets that far. A caller that stops early reads no further page.
 */
public final class Pages {
    private Pages() {}

    public static Iterable<Item> items(Table table, Query query) {
        return () -> new Iterator<>() {
            private Query next = query;
            private Iterator<Item> page = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && next != null) {
                    Page read = table.query(next);
                    page = read.items().iterator();
                    next = read.lastEvaluatedKey().map(next::after).orElse(null);
                }
                return page.hasNext();
            }

            @Override
            public Item next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }
}
