package dev.taskledger.projector.view;

import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.projector.runtime.Projector;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.WriteOp;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The audit trail: one entry per sequence ({@code SEQ#<sequence, 20 digits>}) holding the full envelope, plus the
 * actor and task for filtering. {@code /audit} pages it; {@code /audit/verify} cross-checks it against the ledger.
 */
public final class AuditProjector implements Projector {
    public static final String PROJECTION = "audit";

    @Override
    public String name() {
        return PROJECTION;
    }

    public static String entry(long sequence) {
        return "SEQ#%020d".formatted(sequence);
    }

    @Override
    public List<WriteOp> apply(StoredEvent stored, Function<String, Key> itemKey, Function<Key, Optional<Item>> read) {
        var e = stored.envelope();
        return List.of(new WriteOp.Put(
                Item.of(itemKey.apply(entry(e.sequence())))
                        .with("event", stored.json().toString())
                        .with("sequence", e.sequence())
                        .with("task_id", e.taskId())
                        .with("actor", e.actor().userId())
                        .with("occurred_at", dev.taskledger.events.Times.format(e.occurredAt()))
                        .build(),
                Condition.NONE));
    }
}
