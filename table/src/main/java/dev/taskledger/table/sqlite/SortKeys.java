package dev.taskledger.table.sqlite;

import java.util.Optional;

/** Sort-key helpers for range predicates (never {@code LIKE}: it is case-insensitive and skips the index). */
final class SortKeys {
    private SortKeys() {}

    /** The smallest string greater than every string with this prefix, if there is one. */
    static Optional<String> upperBound(String prefix) {
        int[] cps = prefix.codePoints().toArray();
        for (int i = cps.length - 1; i >= 0; i--) {
            int next = cps[i] + 1;
            if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                return Optional.of(new String(cps, 0, i) + Character.toString(next));
            }
        }
        return Optional.empty();
    }

    /** Stream sequence numbers are decimal strings of 21 digits, so they order as strings too, as DynamoDB's. */
    static String sequenceNumber(long seq) {
        return String.format("%021d", seq);
    }
}
