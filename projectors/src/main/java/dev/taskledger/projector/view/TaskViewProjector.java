package dev.taskledger.projector.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskDeleted;
import dev.taskledger.events.TaskUpdated;
import dev.taskledger.events.Times;
import dev.taskledger.http.TaskRepresentation;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.projector.runtime.DocumentForm;
import dev.taskledger.projector.runtime.Documents;
import dev.taskledger.projector.runtime.Projector;
import dev.taskledger.table.Attr;
import dev.taskledger.table.CorruptItemException;
import dev.taskledger.table.Item;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Projects task events into the task view (see {@link TaskViewLayout}): the SPEC representation of live tasks. */
public final class TaskViewProjector implements Projector {
    /** A task's representation, stored whole in its task item and in each of its index items. */
    public static final DocumentForm<ObjectNode> FORM = new DocumentForm<>() {
        @Override
        public Map<String, Attr> attributes(ObjectNode task) {
            return Map.of(TaskViewLayout.TASK, Attr.s(task.toString()));
        }

        @Override
        public ObjectNode read(Item item) {
            return decode(item);
        }
    };

    @Override
    public String name() {
        return TaskViewLayout.PROJECTION;
    }

    /** The task item and four index items written, up to four index items that moved deleted. */
    @Override
    public int maxChangesPerEvent() {
        return 9;
    }

    @Override
    public void apply(StoredEvent stored, Documents documents) {
        EventEnvelope e = stored.envelope();
        Optional<ObjectNode> before = documents.get(TaskViewLayout.task(e.taskId()), FORM);
        Optional<ObjectNode> after = next(before, e);
        Set<String> oldKeys = before.map(TaskViewProjector::indexKeys).orElse(Set.of());
        Set<String> newKeys = after.map(TaskViewProjector::indexKeys).orElse(Set.of());
        for (String suffix : oldKeys) {
            if (!newKeys.contains(suffix)) {
                documents.delete(suffix);
            }
        }
        after.ifPresent(task -> newKeys.forEach(suffix -> documents.put(suffix, FORM, task)));
    }

    /** The representation after {@code e}, given the one before it (empty: absent or deleted). */
    public static Optional<ObjectNode> next(Optional<ObjectNode> before, EventEnvelope e) {
        return switch (e.data()) {
            case TaskCreated created ->
                Optional.of(TaskRepresentation.of(
                        e.tenantId(),
                        e.taskId(),
                        created.fields(),
                        e.occurredAt(),
                        e.actor().userId(),
                        e.occurredAt(),
                        e.actor().userId(),
                        e.taskVersion()));
            case TaskUpdated updated ->
                before.map(task -> {
                    ObjectNode next = task.deepCopy();
                    updated.changes()
                            .forEach((field, change) ->
                                    next.set(field.wireName(), EventCodec.valueToJson(field, change.newValue())));
                    next.put("updated_at", Times.format(e.occurredAt()));
                    next.put("updated_by", e.actor().userId());
                    next.put("version", e.taskVersion());
                    return next;
                });
            case TaskDeleted deleted -> Optional.empty();
        };
    }

    /** A task's representation after a prefix of its history (time travel); empty if absent or deleted by then. */
    public static Optional<ObjectNode> fold(java.util.List<EventEnvelope> history) {
        Optional<ObjectNode> task = Optional.empty();
        for (EventEnvelope e : history) {
            task = next(task, e);
        }
        return task;
    }

    /** The task item and its four index items. */
    static Set<String> indexKeys(ObjectNode task) {
        String id = task.get("task_id").asText();
        String status = task.get("status").asText();
        String created = task.get("created_at").asText();
        String updated = task.get("updated_at").asText();
        Set<String> keys = new LinkedHashSet<>();
        keys.add(TaskViewLayout.task(id));
        keys.add(TaskViewLayout.byCreated(created, id));
        keys.add(TaskViewLayout.byUpdated(updated, id));
        keys.add(TaskViewLayout.byStatusCreated(status, created, id));
        keys.add(TaskViewLayout.byStatusUpdated(status, updated, id));
        return keys;
    }

    public static ObjectNode decode(Item item) {
        try {
            return (ObjectNode) EventCodec.MAPPER.readTree(item.string(TaskViewLayout.TASK));
        } catch (IOException | ClassCastException e) {
            throw new CorruptItemException(item.key(), "task view item: " + e.getMessage(), e);
        }
    }
}
