package dev.taskledger.query.read;

import dev.taskledger.events.Times;
import dev.taskledger.ledger.Keys;
import dev.taskledger.projector.read.ProjectionReader;
import dev.taskledger.projector.view.AuditProjector;
import dev.taskledger.table.Item;
import dev.taskledger.table.Pages;
import dev.taskledger.table.Query;
import dev.taskledger.table.SortKeyRange;
import dev.taskledger.table.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the audit trail: the envelopes the audit projection keeps, in sequence order, filtered, in pages bounded in
 * items and in size (a page stops growing past {@code maxChars} characters of events, holding at least one).
 */
public final class AuditTrailReader {
    /** {@code from} inclusive, {@code to} exclusive (occurred_at); {@code actor} a user id; null means any. */
    public record Filter(Instant from, Instant to, String taskId, String actor) {
        boolean matches(Item entry) {
            Instant at = Times.parse(entry.string("occurred_at"));
            return (taskId == null || taskId.equals(entry.string("task_id")))
                    && (actor == null || actor.equals(entry.string("actor")))
                    && (from == null || !at.isBefore(from))
                    && (to == null || at.isBefore(to));
        }
    }

    /** The events (as stored JSON text) of a page, and the sequence after which the next page starts, if any. */
    public record TrailPage(List<String> events, Optional<Long> next) {}

    private final Table table;
    private final ProjectionReader audit;

    public AuditTrailReader(Table table, ProjectionReader audit) {
        this.table = table;
        this.audit = audit;
    }

    public TrailPage page(String tenant, long afterSequence, Filter filter, int limit, long maxChars) {
        String prefix = audit.prefix(tenant);
        Query query = new Query(
                Keys.tenantPartition(tenant),
                new SortKeyRange.Between(
                        prefix + AuditProjector.entry(afterSequence + 1),
                        prefix + AuditProjector.entry(Long.MAX_VALUE)),
                true,
                Math.min(1000, limit + 1),
                Optional.empty());
        List<String> events = new ArrayList<>();
        long last = afterSequence;
        long chars = 0;
        for (Item item : Pages.items(table, query)) {
            if (events.size() == limit || chars >= maxChars) {
                return new TrailPage(events, Optional.of(last)); // a further entry exists
            }
            last = item.number("sequence");
            if (filter.matches(item)) {
                String text = item.string("event");
                events.add(text);
                chars += text.length();
            }
        }
        return new TrailPage(events, Optional.empty());
    }

    /** The audit trail's entry for one sequence, as the active version holds it. */
    public Optional<Item> entry(String tenant, long sequence) {
        return audit.read(tenant, AuditProjector.entry(sequence));
    }
}
