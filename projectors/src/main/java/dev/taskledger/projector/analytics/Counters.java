package dev.taskledger.projector.analytics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;

/**
 * The analytics counters of one tenant, kept as one JSON document: live tasks by status, priority and assignee,
 * deletions, creations and completions per UTC day, and the cycle-time histogram. Mutated in place by the
 * projector; read by the summary query.
 */
public final class Counters {
    /** Upper bounds (seconds) of the cycle-time buckets; a last, unbounded bucket follows. */
    public static final long[] BOUNDS = {60, 300, 900, 3600, 14400, 86400, 259200, 604800, 2592000};

    public final ObjectNode json;

    Counters(ObjectNode json) {
        this.json = json;
    }

    public static Counters empty() {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        json.put("tasks", 0);
        json.put("deleted", 0);
        json.putObject("by_status");
        json.putObject("by_priority");
        json.putObject("by_assignee");
        json.putObject("created_per_day");
        json.putObject("completed_per_day");
        ObjectNode cycle = json.putObject("cycle");
        cycle.put("count", 0);
        cycle.put("sum_seconds", 0);
        cycle.put("max_seconds", 0);
        var buckets = cycle.putArray("buckets");
        for (int i = 0; i <= BOUNDS.length; i++) {
            buckets.add(0);
        }
        return new Counters(json);
    }

    void add(String counter, long delta) {
        json.put(counter, json.get(counter).asLong() + delta);
    }

    void add(String map, String key, long delta) {
        ObjectNode m = (ObjectNode) json.get(map);
        long next = m.path(key).asLong(0) + delta;
        if (next == 0) {
            m.remove(key);
        } else {
            m.put(key, next);
        }
    }

    /** A live task enters ({@code sign} 1) or leaves ({@code sign} -1) the live counts. */
    void live(String status, String priority, String assignee, int sign) {
        add("tasks", sign);
        add("by_status", status, sign);
        add("by_priority", priority, sign);
        String key = assignee == null ? "" : assignee;
        ObjectNode byAssignee = (ObjectNode) json.get("by_assignee");
        ObjectNode entry = byAssignee.has(key) ? (ObjectNode) byAssignee.get(key) : byAssignee.putObject(key);
        entry.put("total", entry.path("total").asLong(0) + sign);
        ObjectNode byStatus =
                entry.has("by_status") ? (ObjectNode) entry.get("by_status") : entry.putObject("by_status");
        long next = byStatus.path(status).asLong(0) + sign;
        if (next == 0) {
            byStatus.remove(status);
        } else {
            byStatus.put(status, next);
        }
        if (entry.get("total").asLong() == 0) {
            byAssignee.remove(key);
        }
    }

    void cycleTime(long seconds) {
        ObjectNode cycle = (ObjectNode) json.get("cycle");
        cycle.put("count", cycle.get("count").asLong() + 1);
        cycle.put("sum_seconds", cycle.get("sum_seconds").asLong() + seconds);
        cycle.put("max_seconds", Math.max(cycle.get("max_seconds").asLong(), seconds));
        int bucket = BOUNDS.length;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                bucket = i;
                break;
            }
        }
        var buckets = (com.fasterxml.jackson.databind.node.ArrayNode) cycle.get("buckets");
        buckets.set(bucket, buckets.get(bucket).asLong() + 1);
    }
}
