package dev.taskledger.command.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.command.domain.TaskState;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Times;
import dev.taskledger.table.CorruptItemException;

/** A task's write state to and from the JSON kept in its write-state item. */
public final class TaskStateCodec {
    private TaskStateCodec() {}

    public static String encode(TaskState state) {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        switch (state) {
            case TaskState.Live live -> {
                json.put("stage", "LIVE");
                json.put("task_id", live.taskId());
                json.set("fields", EventCodec.fieldsToJson(live.fields()));
                json.put("created_at", Times.format(live.createdAt()));
                json.put("created_by", live.createdBy());
                json.put("updated_at", Times.format(live.updatedAt()));
                json.put("updated_by", live.updatedBy());
                json.put("version", live.version());
            }
            case TaskState.Deleted deleted -> {
                json.put("stage", "DELETED");
                json.put("task_id", deleted.taskId());
                json.put("version", deleted.version());
                json.put("deleted_at", Times.format(deleted.deletedAt()));
                json.put("deleted_by", deleted.deletedBy());
            }
            case TaskState.Absent absent -> throw new IllegalArgumentException("an absent task has no write state");
        }
        return json.toString();
    }

    public static TaskState decode(String taskKey, String text) {
        try {
            JsonNode json = EventCodec.MAPPER.readTree(text);
            return switch (json.path("stage").asText()) {
                case "LIVE" ->
                    new TaskState.Live(
                            json.get("task_id").asText(),
                            EventCodec.fieldsFromJson((ObjectNode) json.get("fields")),
                            Times.parse(json.get("created_at").asText()),
                            json.get("created_by").asText(),
                            Times.parse(json.get("updated_at").asText()),
                            json.get("updated_by").asText(),
                            json.get("version").asLong());
                case "DELETED" ->
                    new TaskState.Deleted(
                            json.get("task_id").asText(),
                            json.get("version").asLong(),
                            Times.parse(json.get("deleted_at").asText()),
                            json.get("deleted_by").asText());
                default -> throw new IllegalArgumentException("unknown stage " + json.path("stage"));
            };
        } catch (JsonProcessingException | RuntimeException e) {
            throw new CorruptItemException(taskKey, "task write state: " + e.getMessage());
        }
    }
}
