package dev.taskledger.projector.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.Status;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskDeleted;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskUpdated;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.projector.analytics.AnalyticsProjector;
import dev.taskledger.projector.analytics.Counters;
import dev.taskledger.projector.view.TaskViewLayout;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.table.Item;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.Table;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The analytics counters against a recount at the same projected sequence: live figures over the task view's
 * items, flows (deletions, creations and completions per day, completed tasks) over the ledger's events.
 */
final class AnalyticsRecount {
    private AnalyticsRecount() {}

    static void assertAnalyticsEqualRecount(
            Table table, Ledger ledger, String tenant, ProjectionRuntime view, ProjectionRuntime analytics) {
        assertThat(analytics.projectedSequence(tenant)).isEqualTo(view.projectedSequence(tenant));
        JsonNode counters = analytics
                .read(tenant, AnalyticsProjector.SUMMARY)
                .map(i -> AnalyticsProjector.read(i).json)
                .orElse(Counters.empty().json);

        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byPriority = new TreeMap<>();
        Map<String, Long> byAssignee = new TreeMap<>();
        long live = 0;
        String prefix = Keys.projectionPrefix(TaskViewLayout.PROJECTION, view.activeVersion(tenant)) + "TASK#";
        Query query = Query.prefix(Keys.tenantPartition(tenant), prefix, 500);
        while (true) {
            Page page = table.query(query);
            for (Item item : page.items()) {
                ObjectNode task = TaskViewProjector.decode(item);
                live++;
                byStatus.merge(task.get("status").asText(), 1L, Long::sum);
                byPriority.merge(task.get("priority").asText(), 1L, Long::sum);
                byAssignee.merge(
                        task.get("assigned_to").isNull()
                                ? ""
                                : task.get("assigned_to").asText(),
                        1L,
                        Long::sum);
            }
            if (page.lastEvaluatedKey().isEmpty()) {
                break;
            }
            query = query.after(page.lastEvaluatedKey().get());
        }
        assertThat(counters.get("tasks").asLong()).isEqualTo(live);
        assertThat(toMap(counters.get("by_status"))).isEqualTo(byStatus);
        assertThat(toMap(counters.get("by_priority"))).isEqualTo(byPriority);
        Map<String, Long> assignees = new TreeMap<>();
        counters.get("by_assignee")
                .properties()
                .forEach(
                        e -> assignees.put(e.getKey(), e.getValue().get("total").asLong()));
        assertThat(assignees).isEqualTo(byAssignee);

        long deleted = 0;
        Map<String, Long> created = new TreeMap<>();
        Map<String, Long> completed = new TreeMap<>();
        Set<String> everCompleted = new HashSet<>();
        for (var stored : ledger.events(tenant, 1, view.projectedSequence(tenant), 1000)) {
            EventEnvelope e = stored.envelope();
            String day = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
            boolean done =
                    switch (e.data()) {
                        case TaskCreated c -> {
                            created.merge(day, 1L, Long::sum);
                            yield c.fields().status() == Status.DONE;
                        }
                        case TaskUpdated u ->
                            u.changes().containsKey(TaskField.STATUS)
                                    && u.changes().get(TaskField.STATUS).newValue() == Status.DONE;
                        case TaskDeleted d -> {
                            yield false;
                        }
                    };
            if (e.data() instanceof TaskDeleted) {
                deleted++;
            }
            if (done) {
                completed.merge(day, 1L, Long::sum);
                everCompleted.add(e.taskId());
            }
        }
        assertThat(counters.get("deleted").asLong()).isEqualTo(deleted);
        assertThat(toMap(counters.get("created_per_day"))).isEqualTo(created);
        assertThat(toMap(counters.get("completed_per_day"))).isEqualTo(completed);
        assertThat(counters.get("cycle").get("count").asLong()).isEqualTo(everCompleted.size());
    }

    private static Map<String, Long> toMap(JsonNode node) {
        Map<String, Long> map = new TreeMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
    }
}
