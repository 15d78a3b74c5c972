package dev.taskledger.command.domain;

/** A stored history no decision could have produced: a bug or tampering, never a business outcome. */
public class InvalidHistoryException extends RuntimeException {
    public InvalidHistoryException(String message) {
        super(message);
    }
}
