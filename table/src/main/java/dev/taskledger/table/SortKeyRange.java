package dev.taskledger.table;

/** Which sort keys of a partition a query reads. */
public sealed interface SortKeyRange {
    /** {@code begins_with(SK, prefix)}. */
    record Prefix(String prefix) implements SortKeyRange {}

    /** {@code SK BETWEEN from AND to}, both inclusive. */
    record Between(String from, String to) implements SortKeyRange {
        public Between {
            if (from.compareTo(to) > 0) {
                throw new IllegalArgumentException("from must not sort after to");
            }
        }
    }
}
