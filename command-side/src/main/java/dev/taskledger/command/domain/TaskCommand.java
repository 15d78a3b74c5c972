package dev.taskledger.command.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** What a client asks of a task. Bodies are the client's JSON, validated by {@link FieldRules} in decide. */
public sealed interface TaskCommand {
    record CreateTask(JsonNode body) implements TaskCommand {}

    /** PUT and PATCH alike: a JSON merge-patch of the mutable fields. */
    record UpdateTask(String taskId, JsonNode patch, Precondition precondition) implements TaskCommand {}

    record DeleteTask(String taskId, Precondition precondition) implements TaskCommand {}
}
