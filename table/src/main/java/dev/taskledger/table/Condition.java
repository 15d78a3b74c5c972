package dev.taskledger.table;

/** A typed write condition, evaluated against the item's current state inside the transaction. */
public sealed interface Condition {
    Condition NONE = new None();
    Condition NOT_EXISTS = new NotExists();
    Condition EXISTS = new Exists();

    static Condition equals(String attribute, Attr value) {
        return new Equals(attribute, value);
    }

    record None() implements Condition {}

    /** {@code attribute_not_exists(PK)}: the item must not exist. */
    record NotExists() implements Condition {}

    /** {@code attribute_exists(PK)}: the item must exist. */
    record Exists() implements Condition {}

    /** {@code #attribute = :value}: the item exists and the attribute equals the value (e.g. version = n). */
    record Equals(String attribute, Attr value) implements Condition {}
}
