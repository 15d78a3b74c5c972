package dev.taskledger.table;

import java.util.List;

/** A transaction was cancelled because conditions did not hold; {@code failures} names each of them. */
public class ConditionFailedException extends RuntimeException {
    /** Operation {@code index} of the transaction, on {@code key}, failed {@code condition}. */
    public record Failure(int index, Key key, Condition condition) {}

    private final List<Failure> failures;

    public ConditionFailedException(List<Failure> failures) {
        super("condition failed: " + failures);
        this.failures = List.copyOf(failures);
    }

    public List<Failure> failures() {
        return failures;
    }

    public boolean failedOn(Key key) {
        return failures.stream().anyMatch(f -> f.key().equals(key));
    }
}
