package dev.taskledger.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lifts a stored event's {@code data} from {@code fromVersion()} to the next schema version, on read. Schema
 * version 1 is the only version today, so none is registered; the codec applies the chain when one exists.
 */
public interface Upcaster {
    String eventType();

    int fromVersion();

    ObjectNode upcast(ObjectNode data);
}
