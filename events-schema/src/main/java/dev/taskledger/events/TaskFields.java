package dev.taskledger.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The mutable fields of a task, already validated and normalised (trimmed, {@code assigned_to} lower-cased).
 * {@code description} is never null ({@code ""} when empty), {@code labels} never null.
 */
public record TaskFields(
        String title,
        String description,
        Status status,
        Priority priority,
        String assignedTo,
        LocalDate dueDate,
        List<String> labels) {

    public TaskFields {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
    }

    public Object get(TaskField field) {
        return switch (field) {
            case TITLE -> title;
            case DESCRIPTION -> description;
            case STATUS -> status;
            case PRIORITY -> priority;
            case ASSIGNED_TO -> assignedTo;
            case DUE_DATE -> dueDate;
            case LABELS -> labels;
        };
    }

    /** These fields with every change of {@code updated} applied (its new values). */
    public TaskFields apply(TaskUpdated updated) {
        TaskFields fields = this;
        for (java.util.Map.Entry<TaskField, TaskUpdated.Change> change :
                updated.changes().entrySet()) {
            fields = fields.with(change.getKey(), change.getValue().newValue());
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    public TaskFields with(TaskField field, Object value) {
        return switch (field) {
            case TITLE -> new TaskFields((String) value, description, status, priority, assignedTo, dueDate, labels);
            case DESCRIPTION -> new TaskFields(title, (String) value, status, priority, assignedTo, dueDate, labels);
            case STATUS -> new TaskFields(title, description, (Status) value, priority, assignedTo, dueDate, labels);
            case PRIORITY -> new TaskFields(title, description, status, (Priority) value, assignedTo, dueDate, labels);
            case ASSIGNED_TO -> new TaskFields(title, description, status, priority, (String) value, dueDate, labels);
            case DUE_DATE ->
                new TaskFields(title, description, status, priority, assignedTo, (LocalDate) value, labels);
            case LABELS ->
                new TaskFields(title, description, status, priority, assignedTo, dueDate, (List<String>) value);
        };
    }
}
