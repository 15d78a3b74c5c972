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
import dev.taskledger.projector.runtime.Projector;
import dev.taskledger.table.Condition;
import dev.taskledger.table.CorruptItemException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.WriteOp;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
    /**
     * The documents of the items this projector wrote last, by item identity and per thread: a bulk replay reads
     * each back for the next event, and a copy of the tree is far cheaper than parsing the text again (parsing and
     * re-serializing were half of the analytics rebuild's profile). Bounded; a miss parses as before.
     */
    private final ThreadLocal<java.util.IdentityHashMap<Item, ObjectNode>> written =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    @Override
    public String name() {
        return PROJECTION;
    }

    public static Counters read(Item item) {
        try {
            return new Counters((ObjectNode) EventCodec.MAPPER.readTree(item.string(DOC)));
        } catch (IOException | ClassCastException e) {
            throw new CorruptItemException(item.key(), "analytics item: " + e.getMessage(), e);
        }
    }

    @Override
    public List<WriteOp> apply(StoredEvent stored, Function<String, Key> itemKey, Function<Key, Optional<Item>> read) {
        EventEnvelope e = stored.envelope();
        Key summaryKey = itemKey.apply(SUMMARY);
        Key taskKey = itemKey.apply("TASK#" + e.taskId());
        Counters counters =
                read.apply(summaryKey).map(i -> new Counters(document(i))).orElseGet(Counters::empty);
        Optional<ObjectNode> before = read.apply(taskKey).map(this::document);
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
                ObjectNode task =
                        before.orElseThrow(() -> new IllegalStateException("update of unknown task " + e.taskId()));
                after = task.deepCopy();
                counters.live(
                        task.get("status").asText(), task.get("priority").asText(), text(task, "assigned_to"), -1);
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
        ObjectNode summary = counters.json;
        WriteOp task = after == null
                ? new WriteOp.Delete(taskKey, Condition.NONE)
                : new WriteOp.Put(
                        remember(Item.of(taskKey).with(DOC, after.toString()).build(), after), Condition.NONE);
        return List.of(
                new WriteOp.Put(
                        remember(
                                Item.of(summaryKey)
                                        .with(DOC, summary.toString())
                                        .build(),
                                summary),
                        Condition.NONE),
                task);
    }

    /** The item's document: a copy of the tree this projector wrote it from, else parsed from its text. */
    private ObjectNode document(Item item) {
        ObjectNode known = written.get().get(item);
        return known != null ? known.deepCopy() : read(item).json;
    }

    private Item remember(Item item, ObjectNode document) {
        var map = written.get();
        if (map.size() >= 256) {
            map.clear();
        }
        map.put(item, document);
        return item;
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
