package dev.taskledger.command.domain;

import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskFields;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a client asks of a task, in typed values already checked against the field rules at the edge (the request
 * layer makes these from a client's JSON; the domain never sees JSON).
 */
public sealed interface TaskCommand {
    /** Every mutable field of the new task, defaults applied. */
    record CreateTask(TaskFields fields) implements TaskCommand {
        public CreateTask {
            Objects.requireNonNull(fields, "fields");
        }
    }

    /**
     * PUT and PATCH alike: the new values of the fields the merge-patch names, normalised ({@code null} for a cleared
     * {@code assigned_to} or {@code due_date}; the cleared value of the others).
     */
    record UpdateTask(String taskId, Map<TaskField, Object> changes, Precondition precondition) implements TaskCommand {
        public UpdateTask {
            EnumMap<TaskField, Object> copy = new EnumMap<>(TaskField.class);
            copy.putAll(changes);
            changes = Collections.unmodifiableMap(copy);
        }
    }

    record DeleteTask(String taskId, Precondition precondition) implements TaskCommand {}
}
