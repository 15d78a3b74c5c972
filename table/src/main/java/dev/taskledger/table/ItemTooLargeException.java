package dev.taskledger.table;

/** An item over DynamoDB's 400 KB limit, refused before anything was written. */
public class ItemTooLargeException extends RuntimeException {
    private final Key key;
    private final long size;

    public ItemTooLargeException(Key key, long size) {
        super("item " + key + " is " + size + " bytes, over the " + ItemSize.MAX_BYTES + " byte limit");
        this.key = key;
        this.size = size;
    }

    public Key key() {
        return key;
    }

    public long size() {
        return size;
    }
}
