package dev.taskledger.events;

/** A stored or received event that does not conform to the contract. Says where, never silently skipped. */
public class EventDecodingException extends RuntimeException {
    public EventDecodingException(String message) {
        super(message);
    }

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
