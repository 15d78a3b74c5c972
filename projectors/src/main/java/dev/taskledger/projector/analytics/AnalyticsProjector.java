package dev.taskledger.projector.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.Status;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskDeleted;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskUpdated;
import dev.taskledger.events.Times;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.projector.runtime.DocumentForm;
import dev.taskledger.projector.runtime.Documents;
import dev.taskledger.projector.runtime.Projector;
import dev.taskledger.table.Attr;
import dev.taskledger.table.CorruptItemException;
import dev.taskledger.table.Item;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Analytics counters (SPEC section 6), kept event by event, never by scanning: {@code SUMMARY} holds the
 * counters; {@code TASK#<id>} the little each task needs to move between them (status, priority, assignee,
 * creation time, whether it was ever completed). A task created as DONE counts as completed at creation, with a
 * cycle time of zero.
 */
public final class AnalyticsProjector implements Projector {
    public static final String PROJECTION = "analytics";
    public static final String SUMMARY = "SUMMARY";
    static final String DOC = "doc";
    /** The counters of a tenant. */
    static final DocumentForm<Counters> SUMMARY_FORM = new DocumentForm<>() {
        @Override
        public Map<String, Attr> attributes(Counters counters) {
            return Map.of(DOC, Attr.s(counters.json.toString()));
        }

        @Override
        public Counters read(Item item) {
            return AnalyticsProjector.read(item);
        }
    };

    /** What the counters need of one task. */
    static final DocumentForm<ObjectNode> TASK_FORM = new DocumentForm<>() {
        @Override
        public Map<String, Attr> attributes(ObjectNode task) {
            return Map.of(DOC, Attr.s(task.toString()));
        }

        @Override
        public ObjectNode read(Item item) {
            return AnalyticsProjector.read(item).json;
        }
    };

    @Override
    public String name() {
        return PROJECTION;
    }

    @Override
    public int maxChangesPerEvent() {
        return 2;
    }

    public static Counters read(Item item) {
        try {
            return new Counters((ObjectNode) EventCodec.MAPPER.readTree(item.string(DOC)));
        } catch (IOException | ClassCastException e) {
            throw new CorruptItemException(item.key(), "analytics item: " + e.getMessage(), e);
        }
    }

    /** Changes the counters and the task's document in place, then puts both back (or deletes the task's). */
    @Override
    public void apply(StoredEvent stored, Documents documents) {
        EventEnvelope e = stored.envelope();
        String taskSuffix = "TASK#" + e.taskId();
        Counters counters = documents.get(SUMMARY, SUMMARY_FORM).orElseGet(Counters::empty);
        Optional<ObjectNode> before = documents.get(taskSuffix, TASK_FORM);
        String day = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
        ObjectNode after = null;
        switch (e.data()) {
            case TaskCreated created -> {
                after = EventCodec.MAPPER.createObjectNode();
                after.put("status", created.fields().status().name());
                after.put("priority", created.fields().priority().name());
                after.put("assigned_to", created.fields().assignedTo());
                after.put("created_at", Times.format(e.occurredAt()));
                after.put("completed", false);
                counters.live(
                        created.fields().status().name(),
                        created.fields().priority().name(),
                        created.fields().assignedTo(),
                        1);
                counters.add("created_per_day", day, 1);
                if (created.fields().status() == Status.DONE) {
                    complete(counters, after, e.occurredAt(), day);
                }
            }
            case TaskUpdated updated -> {
                after = before.orElseThrow(() -> new IllegalStateException("update of unknown task " + e.taskId()));
                counters.live(
                        after.get("status").asText(), after.get("priority").asText(), text(after, "assigned_to"), -1);
                for (var change : updated.changes().entrySet()) {
                    Object value = change.getValue().newValue();
                    switch (change.getKey()) {
                        case STATUS -> after.put("status", ((Enum<?>) value).name());
                        case PRIORITY -> after.put("priority", ((Enum<?>) value).name());
                        case ASSIGNED_TO -> after.put("assigned_to", (String) value);
                        default -> {}
                    }
                }
                counters.live(
                        after.get("status").asText(), after.get("priority").asText(), text(after, "assigned_to"), 1);
                TaskUpdated.Change status = updated.changes().get(TaskField.STATUS);
                if (status != null && status.newValue() == Status.DONE) {
                    complete(counters, after, e.occurredAt(), day);
                }
            }
            case TaskDeleted deleted -> {
                ObjectNode task =
                        before.orElseThrow(() -> new IllegalStateException("deletion of unknown task " + e.taskId()));
                counters.live(
                        task.get("status").asText(), task.get("priority").asText(), text(task, "assigned_to"), -1);
                counters.add("deleted", 1);
            }
        }
        documents.put(SUMMARY, SUMMARY_FORM, counters);
        if (after == null) {
            documents.delete(taskSuffix);
        } else {
            documents.put(taskSuffix, TASK_FORM, after);
        }
    }

    /** A transition into DONE: a completion that day; the first one also records the cycle time. */
    private static void complete(Counters counters, ObjectNode task, Instant at, String day) {
        counters.add("completed_per_day", day, 1);
        if (!task.get("completed").asBoolean()) {
            task.put("completed", true);
            long seconds = Duration.between(Times.parse(task.get("created_at").asText()), at)
                    .toSeconds();
            counters.cycleTime(Math.max(0, seconds));
        }
    }

    private static String text(ObjectNode node, String name) {
        return node.get(name) == null || node.get(name).isNull()
                ? null
                : node.get(name).asText();
    }
}
