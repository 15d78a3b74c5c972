package dev.taskledger.table;

/** A concurrent transaction on the same items won; nothing was written. Retrying may succeed. */
public class TransactionConflictException extends RuntimeException {
    public TransactionConflictException(String message) {
        super(message);
    }
}
