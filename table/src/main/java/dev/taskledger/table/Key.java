package dev.taskledger.table;

import java.util.Objects;

/** The primary key of an item: partition key {@code PK} and sort key {@code SK}, both strings. */
public record Key(String pk, String sk) {
    public static final String PK = "PK";
    public static final String SK = "SK";

    public Key {
        Objects.requireNonNull(pk, "pk");
        Objects.requireNonNull(sk, "sk");
        if (pk.isEmpty() || sk.isEmpty()) {
            throw new IllegalArgumentException("key attributes must not be empty");
        }
    }

    @Override
    public String toString() {
        return pk + " / " + sk;
    }
}
