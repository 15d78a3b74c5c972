package dev.taskledger.projector.runtime;

import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.WriteOp;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A projector: for one event, the writes that bring its projection from the state before it to the state after
 * it. Pure apart from reading the projection's own current items through {@code read}. The runtime writes the
 * result and the checkpoint in one transaction.
 */
public interface Projector {
    /** Stable name, part of every key of the projection. */
    String name();

    /**
     * The writes for {@code event}; {@code itemKey} makes a key of this projection version, {@code read} reads one.
     */
    List<WriteOp> apply(StoredEvent event, Function<String, Key> itemKey, Function<Key, Optional<Item>> read);
}
