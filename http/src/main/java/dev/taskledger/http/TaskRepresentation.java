package dev.taskledger.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskFields;
import dev.taskledger.events.Times;
import java.time.Instant;

/** The one JSON representation of a task (SPEC section 3), for command responses and queries alike. */
public final class TaskRepresentation {
    private TaskRepresentation() {}

    public static ObjectNode of(
            String tenantId,
            String taskId,
            TaskFields fields,
            Instant createdAt,
            String createdBy,
            Instant updatedAt,
            String updatedBy,
            long version) {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        json.put("task_id", taskId);
        json.put("tenant_id", tenantId);
        for (TaskField field : TaskField.values()) {
            json.set(field.wireName(), EventCodec.valueToJson(field, fields.get(field)));
        }
        json.put("created_at", Times.format(createdAt));
        json.put("created_by", createdBy);
        json.put("updated_at", Times.format(updatedAt));
        json.put("updated_by", updatedBy);
        json.put("version", version);
        return json;
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
