package dev.taskledger.table;

import java.util.Objects;
import java.util.Optional;

/**
 * A query of one partition: sort keys in {@code range}, in sort-key order ({@code forward}) or reverse, at most
 * {@code limit} items, continuing after {@code exclusiveStartKey} (a previous page's last evaluated key).
 * Sort keys compare as their UTF-8 bytes, as in DynamoDB.
 */
public record Query(String pk, SortKeyRange range, boolean forward, int limit, Optional<Key> exclusiveStartKey) {
    public static final int MAX_LIMIT = 1000;

    public Query {
        Objects.requireNonNull(pk, "pk");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(exclusiveStartKey, "exclusiveStartKey");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }

    public static Query prefix(String pk, String prefix, int limit) {
        return new Query(pk, new SortKeyRange.Prefix(prefix), true, limit, Optional.empty());
    }

    public Query after(Key lastEvaluatedKey) {
        return new Query(pk, range, forward, limit, Optional.of(lastEvaluatedKey));
    }

    public Query reversed() {
        return new Query(pk, range, !forward, limit, exclusiveStartKey);
    }
}
