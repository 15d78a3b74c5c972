package dev.taskledger.projector.view;

import dev.taskledger.events.Times;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.projector.runtime.DocumentForm;
import dev.taskledger.projector.runtime.Documents;
import dev.taskledger.projector.runtime.Projector;
import dev.taskledger.table.Attr;
import dev.taskledger.table.Item;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit trail: one entry per sequence ({@code SEQ#<sequence, 20 digits>}) holding the full envelope, plus the
 * actor and task for filtering. {@code /audit} pages it; {@code /audit/verify} cross-checks it against the ledger.
 */
public final class AuditProjector implements Projector {
    public static final String PROJECTION = "audit";

    /** One audit entry as stored: the envelope's JSON and the members the audit filters read. */
    public record Entry(String event, long sequence, String taskId, String actor, String occurredAt) {}

    static final DocumentForm<Entry> FORM = new DocumentForm<>() {
        @Override
        public Map<String, Attr> attributes(Entry entry) {
            Map<String, Attr> attributes = new LinkedHashMap<>();
            attributes.put("event", Attr.s(entry.event()));
            attributes.put("sequence", Attr.n(entry.sequence()));
            attributes.put("task_id", Attr.s(entry.taskId()));
            attributes.put("actor", Attr.s(entry.actor()));
            attributes.put("occurred_at", Attr.s(entry.occurredAt()));
            return attributes;
        }

        @Override
        public Entry read(Item item) {
            return new Entry(
                    item.string("event"),
                    item.number("sequence"),
                    item.string("task_id"),
                    item.string("actor"),
                    item.string("occurred_at"));
        }
    };

    @Override
    public String name() {
        return PROJECTION;
    }

    @Override
    public int maxChangesPerEvent() {
        return 1;
    }

    public static String entry(long sequence) {
        return "SEQ#%020d".formatted(sequence);
    }

    @Override
    public void apply(StoredEvent stored, Documents documents) {
        var e = stored.envelope();
        documents.put(
                entry(e.sequence()),
                FORM,
                new Entry(stored.text(), e.sequence(), e.taskId(), e.actor().userId(), Times.format(e.occurredAt())));
    }
}
