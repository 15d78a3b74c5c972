package dev.taskledger.command.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.command.domain.Precondition;
import dev.taskledger.command.domain.Rejection;
import dev.taskledger.command.domain.TaskCommand;
import dev.taskledger.events.Priority;
import dev.taskledger.events.Status;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskFields;
import io.vavr.control.Either;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A client's JSON made into typed commands, or the rejection of its fields: request parsing happens here, at the
 * edge, so that the decider works on valid values only and depends on nothing but the event contract.
 */
public final class TaskRequests {
    private TaskRequests() {}

    /** {@code POST /tasks}: every mutable field, defaults applied. */
    public static Either<Rejection, TaskCommand.CreateTask> create(JsonNode body) {
        return FieldRules.forCreate(body).map(values -> new TaskCommand.CreateTask(fields(values)));
    }

    /** {@code PUT}/{@code PATCH /tasks/{id}}: a merge-patch of the fields present, a JSON null already cleared. */
    public static Either<Rejection, TaskCommand.UpdateTask> update(
            String taskId, JsonNode patch, Precondition precondition) {
        return FieldRules.forPatch(patch).map(values -> new TaskCommand.UpdateTask(taskId, values, precondition));
    }

    @SuppressWarnings("unchecked")
    private static TaskFields fields(Map<TaskField, Object> values) {
        return new TaskFields(
                (String) values.get(TaskField.TITLE),
                (String) values.get(TaskField.DESCRIPTION),
                (Status) values.get(TaskField.STATUS),
                (Priority) values.get(TaskField.PRIORITY),
                (String) values.get(TaskField.ASSIGNED_TO),
                (LocalDate) values.get(TaskField.DUE_DATE),
                (List<String>) values.get(TaskField.LABELS));
    }
}
