package dev.taskledger.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Envelope and event data to and from their JSON form (SPEC section 4). Written by hand rather than by
 * annotations so that the wire shape is visible in one place and decoding is strict: a stored event that does
 * not conform raises {@link EventDecodingException}.
 */
public final class EventCodec {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ENVELOPE_MEMBERS = Set.of(
            "event_id",
            "event_type",
            "schema_version",
            "tenant_id",
            "task_id",
            "task_version",
            "sequence",
            "occurred_at",
            "actor",
            "correlation_id",
            "data",
            "prev_hash",
            "hash");

    private EventCodec() {}

    public static ObjectNode toJson(EventEnvelope e) {
        ObjectNode json = NODES.objectNode();
        json.put("event_id", e.eventId());
        json.put("event_type", e.eventType());
        json.put("schema_version", e.schemaVersion());
        json.put("tenant_id", e.tenantId());
        json.put("task_id", e.taskId());
        json.put("task_version", e.taskVersion());
        json.put("sequence", e.sequence());
        json.put("occurred_at", Times.format(e.occurredAt()));
        ObjectNode actor = json.putObject("actor");
        actor.put("user_id", e.actor().userId());
        actor.put("email", e.actor().email());
        actor.put("role", e.actor().role().name());
        json.put("correlation_id", e.correlationId());
        json.set("data", dataToJson(e.data()));
        json.put("prev_hash", e.prevHash());
        json.put("hash", e.hash());
        return json;
    }

    public static String toJsonString(EventEnvelope e) {
        try {
            return MAPPER.writeValueAsString(toJson(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static EventEnvelope fromJsonString(String json) {
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new EventDecodingException("event is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static EventEnvelope fromJson(JsonNode json) {
        if (!(json instanceof ObjectNode obj)) {
            throw new EventDecodingException("event envelope must be a JSON object");
        }
        for (Iterator<String> names = obj.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ENVELOPE_MEMBERS.contains(name)) {
                throw new EventDecodingException("unknown envelope member: " + name);
            }
        }
        String type = text(obj, "event_type");
        int schemaVersion = (int) integer(obj, "schema_version");
        JsonNode actorJson = required(obj, "actor");
        if (!(actorJson instanceof ObjectNode)) {
            throw new EventDecodingException("actor must be an object");
        }
        Role role;
        try {
            role = Role.valueOf(text(actorJson, "role"));
        } catch (IllegalArgumentException ex) {
            throw new EventDecodingException("unknown actor role: " + actorJson.get("role"));
        }
        Actor actor = new Actor(text(actorJson, "user_id"), nullableText(actorJson, "email"), role);
        JsonNode data = required(obj, "data");
        if (!(data instanceof ObjectNode dataObj)) {
            throw new EventDecodingException("data must be an object");
        }
        try {
            return new EventEnvelope(
                    text(obj, "event_id"),
                    text(obj, "tenant_id"),
                    text(obj, "task_id"),
                    integer(obj, "task_version"),
                    integer(obj, "sequence"),
                    Times.parse(text(obj, "occurred_at")),
                    actor,
                    text(obj, "correlation_id"),
                    dataFromJson(type, schemaVersion, dataObj),
                    text(obj, "prev_hash"),
                    text(obj, "hash"));
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new EventDecodingException("invalid event envelope: " + ex.getMessage(), ex);
        }
    }

    public static ObjectNode dataToJson(TaskEvent event) {
        return switch (event) {
            case TaskCreated created -> fieldsToJson(created.fields());
            case TaskUpdated updated -> {
                ObjectNode data = NODES.objectNode();
                ObjectNode changes = data.putObject("changes");
                updated.changes().forEach((field, change) -> {
                    ObjectNode c = changes.putObject(field.wireName());
                    c.set("old", valueToJson(field, change.oldValue()));
                    c.set("new", valueToJson(field, change.newValue()));
                });
                yield data;
            }
            case TaskDeleted ignored -> NODES.objectNode();
        };
    }

    /** Decodes event data of a stored type and schema version, upcasting older versions. */
    public static TaskEvent dataFromJson(String eventType, int schemaVersion, ObjectNode data) {
        EventTypes.EventType type = EventTypes.byName(eventType)
                .orElseThrow(() -> new EventDecodingException("unknown event_type: " + eventType));
        if (schemaVersion < 1 || schemaVersion > type.schemaVersion()) {
            throw new EventDecodingException("unsupported schema_version " + schemaVersion + " of " + eventType);
        }
        ObjectNode current = Upcasters.upcast(eventType, schemaVersion, data);
        if (type == EventTypes.TASK_CREATED) {
            return new TaskCreated(fieldsFromJson(current));
        }
        if (type == EventTypes.TASK_UPDATED) {
            return updatedFromJson(current);
        }
        if (!current.isEmpty()) {
            throw new EventDecodingException("TaskDeleted data must be empty");
        }
        return new TaskDeleted();
    }

    public static ObjectNode fieldsToJson(TaskFields fields) {
        ObjectNode json = NODES.objectNode();
        for (TaskField field : TaskField.values()) {
            json.set(field.wireName(), valueToJson(field, fields.get(field)));
        }
        return json;
    }

    public static TaskFields fieldsFromJson(ObjectNode json) {
        if (json.size() != TaskField.values().length) {
            throw new EventDecodingException("task fields must hold exactly the mutable fields");
        }
        Object[] values = new Object[TaskField.values().length];
        for (TaskField field : TaskField.values()) {
            if (!json.has(field.wireName())) {
                throw new EventDecodingException("missing task field: " + field.wireName());
            }
            values[field.ordinal()] = valueFromJson(field, json.get(field.wireName()));
        }
        try {
            @SuppressWarnings("unchecked")
            List<String> labels = (List<String>) values[TaskField.LABELS.ordinal()];
            return new TaskFields(
                    (String) values[TaskField.TITLE.ordinal()],
                    (String) values[TaskField.DESCRIPTION.ordinal()],
                    (Status) values[TaskField.STATUS.ordinal()],
                    (Priority) values[TaskField.PRIORITY.ordinal()],
                    (String) values[TaskField.ASSIGNED_TO.ordinal()],
                    (LocalDate) values[TaskField.DUE_DATE.ordinal()],
                    labels);
        } catch (NullPointerException e) {
            throw new EventDecodingException("required task field is null: " + e.getMessage(), e);
        }
    }

    private static TaskUpdated updatedFromJson(ObjectNode data) {
        if (data.size() != 1 || !(data.get("changes") instanceof ObjectNode changes) || changes.isEmpty()) {
            throw new EventDecodingException("TaskUpdated data must be {\"changes\": {…}} with at least one field");
        }
        Map<TaskField, TaskUpdated.Change> result = new EnumMap<>(TaskField.class);
        for (Map.Entry<String, JsonNode> entry : changes.properties()) {
            TaskField field = TaskField.byWireName(entry.getKey())
                    .orElseThrow(() -> new EventDecodingException("unknown changed field: " + entry.getKey()));
            JsonNode change = entry.getValue();
            if (!(change instanceof ObjectNode) || change.size() != 2 || !change.has("old") || !change.has("new")) {
                throw new EventDecodingException("change of " + entry.getKey() + " must be {\"old\", \"new\"}");
            }
            result.put(
                    field,
                    new TaskUpdated.Change(
                            valueFromJson(field, change.get("old")), valueFromJson(field, change.get("new"))));
        }
        return new TaskUpdated(result);
    }

    public static JsonNode valueToJson(TaskField field, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (field) {
            case TITLE, DESCRIPTION, ASSIGNED_TO -> NODES.textNode((String) value);
            case STATUS, PRIORITY -> NODES.textNode(((Enum<?>) value).name());
            case DUE_DATE -> NODES.textNode(value.toString());
            case LABELS -> {
                ArrayNode array = NODES.arrayNode();
                for (Object label : (List<?>) value) {
                    array.add((String) label);
                }
                yield array;
            }
        };
    }

    public static Object valueFromJson(TaskField field, JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        try {
            return switch (field) {
                case TITLE, DESCRIPTION, ASSIGNED_TO -> textValue(field, json);
                case STATUS -> Status.valueOf(textValue(field, json));
                case PRIORITY -> Priority.valueOf(textValue(field, json));
                case DUE_DATE -> LocalDate.parse(textValue(field, json));
                case LABELS -> {
                    if (!json.isArray()) {
                        throw new EventDecodingException("labels must be an array");
                    }
                    List<String> labels = new ArrayList<>();
                    json.forEach(label -> labels.add(textValue(field, label)));
                    yield List.copyOf(labels);
                }
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new EventDecodingException("invalid value of " + field.wireName() + ": " + json, e);
        }
    }

    private static String textValue(TaskField field, JsonNode json) {
        if (!json.isTextual()) {
            throw new EventDecodingException(field.wireName() + " must be a string");
        }
        return json.textValue();
    }

    private static JsonNode required(JsonNode obj, String name) {
        JsonNode value = obj.get(name);
        if (value == null) {
            throw new EventDecodingException("missing member: " + name);
        }
        return value;
    }

    private static String text(JsonNode obj, String name) {
        JsonNode value = required(obj, name);
        if (!value.isTextual()) {
            throw new EventDecodingException(name + " must be a string");
        }
        return value.textValue();
    }

    private static String nullableText(JsonNode obj, String name) {
        JsonNode value = required(obj, name);
        return value.isNull() ? null : text(obj, name);
    }

    private static long integer(JsonNode obj, String name) {
        JsonNode value = required(obj, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new EventDecodingException(name + " must be an integer");
        }
        return value.longValue();
    }
}
