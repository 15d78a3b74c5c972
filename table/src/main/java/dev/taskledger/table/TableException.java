package dev.taskledger.table;

/** A storage failure the caller cannot fix by changing its request (I/O, throttling beyond retries, …). */
public class TableException extends RuntimeException {
    public TableException(String message) {
        super(message);
    }

    public TableException(String message, Throwable cause) {
        super(message, cause);
    }
}
