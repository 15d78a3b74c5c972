package dev.taskledger.table;

import java.util.List;
import java.util.Optional;

/** One page of a query; {@code lastEvaluatedKey} is present when more items may follow. */
public record Page(List<Item> items, Optional<Key> lastEvaluatedKey) {
    public Page {
        items = List.copyOf(items);
    }
}
