package dev.taskledger.table.sqlite;

import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import java.util.Map;
import java.util.Optional;

/** Evaluates a typed condition against an item's current attributes (empty: the item does not exist). */
final class Conditions {
    private Conditions() {}

    static boolean holds(Condition condition, Optional<Map<String, Attr>> current) {
        return switch (condition) {
            case Condition.None n -> true;
            case Condition.NotExists n -> current.isEmpty();
            case Condition.Exists e -> current.isPresent();
            case Condition.Equals eq ->
                current.map(item -> equal(item.get(eq.attribute()), eq.value())).orElse(false);
        };
    }

    private static boolean equal(Attr stored, Attr expected) {
        if (stored instanceof Attr.N a && expected instanceof Attr.N b) {
            return new java.math.BigDecimal(a.value()).compareTo(new java.math.BigDecimal(b.value())) == 0;
        }
        return expected.equals(stored);
    }
}
