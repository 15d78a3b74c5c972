package dev.taskledger.table;

/** A stored item that cannot be decoded; names its key so that it is never silently skipped. */
public class CorruptItemException extends RuntimeException {
    public CorruptItemException(String key, String problem) {
        super("stored item " + key + " cannot be decoded: " + problem);
    }

    public CorruptItemException(Key key, String problem, Throwable cause) {
        super("stored item " + key + " cannot be decoded: " + problem, cause);
    }
}
