package dev.taskledger.events;

import java.util.List;
import java.util.Optional;

/**
 * The one registry of stored event names and schema versions. A new schema version adds an entry here, a
 * schema file, fixtures and an {@link Upcaster} from the previous version; stored events are never rewritten.
 */
public final class EventTypes {

    /** A stored event type: its name on the wire, the schema version written today, and its data schema. */
    public record EventType(String name, int schemaVersion, String dataSchema) {}

    public static final EventType TASK_CREATED = new EventType("TaskCreated", 1, "task-created.v1.schema.json");
    public static final EventType TASK_UPDATED = new EventType("TaskUpdated", 1, "task-updated.v1.schema.json");
    public static final EventType TASK_DELETED = new EventType("TaskDeleted", 1, "task-deleted.v1.schema.json");

    public static final List<EventType> ALL = List.of(TASK_CREATED, TASK_UPDATED, TASK_DELETED);

    /** The schema version written by this code for every event type. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    private EventTypes() {}

    public static EventType of(TaskEvent event) {
        return switch (event) {
            case TaskCreated ignored -> TASK_CREATED;
            case TaskUpdated ignored -> TASK_UPDATED;
            case TaskDeleted ignored -> TASK_DELETED;
        };
    }

    public static Optional<EventType> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
