package dev.taskledger.table;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One change-stream record, shaped like a DynamoDB Streams record with view type NEW_AND_OLD_IMAGES: the
 * event name, the item's keys, its new and old images, a sequence number that orders the records of one key,
 * and the approximate creation time (whole seconds, as DynamoDB reports it).
 */
public record ChangeRecord(
        String eventId,
        EventName eventName,
        Map<String, Attr> keys,
        Optional<Map<String, Attr>> newImage,
        Optional<Map<String, Attr>> oldImage,
        String sequenceNumber,
        Instant approximateCreationDateTime,
        long sizeBytes,
        String streamViewType) {

    public static final String NEW_AND_OLD_IMAGES = "NEW_AND_OLD_IMAGES";

    public enum EventName {
        INSERT,
        MODIFY,
        REMOVE
    }

    public Key key() {
        return new Key(((Attr.S) keys.get(Key.PK)).value(), ((Attr.S) keys.get(Key.SK)).value());
    }
}
