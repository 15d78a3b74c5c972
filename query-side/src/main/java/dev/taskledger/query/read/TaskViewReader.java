package dev.taskledger.query.read;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EmailAddresses;
import dev.taskledger.ledger.Keys;
import dev.taskledger.projector.read.ProjectionReader;
import dev.taskledger.projector.view.TaskViewLayout;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Pages;
import dev.taskledger.table.Query;
import dev.taskledger.table.SortKeyRange;
import dev.taskledger.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the task view: one task, or a page of tasks in one of the four orders, filtered. Owns the view's index
 * layout and paging: a page examines index items in order until it holds {@code limit} matches, and its position
 * is the last index item examined, so paging with any limit yields every match exactly once.
 */
public final class TaskViewReader {
    /** Repeated statuses or labels mean any of them; different filters combine with AND. */
    public record Filter(List<String> statuses, String assignee, String priority, List<String> labels, String sort) {
        boolean matches(ObjectNode task) {
            if (!statuses.isEmpty() && !statuses.contains(task.get("status").asText())) {
                return false;
            }
            if (assignee != null
                    && (task.get("assigned_to").isNull()
                            || !EmailAddresses.same(task.get("assigned_to").asText(), assignee))) {
                return false;
            }
            if (priority != null && !priority.equals(task.get("priority").asText())) {
                return false;
            }
            if (!labels.isEmpty()) {
                List<String> taskLabels = new ArrayList<>();
                task.get("labels").forEach(l -> taskLabels.add(l.asText()));
                return labels.stream().anyMatch(taskLabels::contains);
            }
            return true;
        }
    }

    /** The tasks of a page, and the position after which the next page starts (when there is one). */
    public record TaskPage(List<ObjectNode> tasks, Optional<String> next) {}

    private final Table table;
    private final ProjectionReader view;

    public TaskViewReader(Table table, ProjectionReader view) {
        this.table = table;
        this.view = view;
    }

    public Optional<ObjectNode> task(String tenant, String taskId) {
        return view.read(tenant, TaskViewLayout.task(taskId)).map(TaskViewProjector::decode);
    }

    public TaskPage page(String tenant, Filter filter, int limit, Optional<String> after) {
        boolean byUpdate = filter.sort().endsWith("updated_at");
        boolean forward = !filter.sort().startsWith("-");
        String index = TaskViewLayout.index(byUpdate, filter.statuses());
        String prefix = view.prefix(tenant) + index;
        String pk = Keys.tenantPartition(tenant);
        Optional<String> start = after.filter(sk -> sk.startsWith(prefix)); // a position from before a rebuild restarts
        Query query = new Query(
                pk,
                new SortKeyRange.Prefix(prefix),
                forward,
                Math.min(100, limit + 1),
                start.map(sk -> new Key(pk, sk)));
        List<ObjectNode> tasks = new ArrayList<>();
        String lastExamined = null;
        for (Item item : Pages.items(table, query)) {
            if (tasks.size() == limit) {
                return new TaskPage(tasks, Optional.ofNullable(lastExamined)); // a further item exists
            }
            lastExamined = item.key().sk();
            ObjectNode task = TaskViewProjector.decode(item);
            if (filter.matches(task)) {
                tasks.add(task);
            }
        }
        return new TaskPage(tasks, Optional.empty());
    }
}
