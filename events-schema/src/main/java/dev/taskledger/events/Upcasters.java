package dev.taskledger.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The registered upcasters, applied in version order when an older stored event is read. */
public final class Upcasters {
    /** Empty while schema version 1 is the only one; a version 2 adds its 1→2 upcaster here. */
    private static final List<Upcaster> ALL = List.of();

    private Upcasters() {}

    static ObjectNode upcast(String eventType, int fromVersion, ObjectNode data) {
        ObjectNode current = data;
        int version = fromVersion;
        int target = EventTypes.byName(eventType).orElseThrow().schemaVersion();
        while (version < target) {
            int v = version;
            Upcaster step = ALL.stream()
                    .filter(u -> u.eventType().equals(eventType) && u.fromVersion() == v)
                    .findFirst()
                    .orElseThrow(() -> new EventDecodingException("no upcaster for " + eventType + " v" + v));
            current = step.upcast(current.deepCopy());
            version++;
        }
        return current;
    }
}
