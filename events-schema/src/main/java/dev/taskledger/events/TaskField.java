package dev.taskledger.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The mutable fields of a task, with their wire names. The enum order is the canonical field order. */
public enum TaskField {
    TITLE("title", String.class),
    DESCRIPTION("description", String.class),
    STATUS("status", Status.class),
    PRIORITY("priority", Priority.class),
    ASSIGNED_TO("assigned_to", String.class),
    DUE_DATE("due_date", LocalDate.class),
    LABELS("labels", List.class);

    private final String wireName;
    private final Class<?> javaType;

    TaskField(String wireName, Class<?> javaType) {
        this.wireName = wireName;
        this.javaType = javaType;
    }

    public String wireName() {
        return wireName;
    }

    public Class<?> javaType() {
        return javaType;
    }

    public static Optional<TaskField> byWireName(String name) {
        return Stream.of(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }
}
