package dev.taskledger.command.domain;

import dev.taskledger.events.TaskFields;
import java.time.Instant;

/** A task's write-side state, one record per lifecycle stage. */
public sealed interface TaskState {
    TaskState ABSENT = new Absent();

    long version();

    record Absent() implements TaskState {
        public long version() {
            return 0;
        }
    }

    record Live(
            String taskId,
            TaskFields fields,
            Instant createdAt,
            String createdBy,
            Instant updatedAt,
            String updatedBy,
            long version)
            implements TaskState {}

    /** Deleted tasks keep their id and version so that versions stay gapless; they read as absent. */
    record Deleted(String taskId, long version, Instant deletedAt, String deletedBy) implements TaskState {}
}
