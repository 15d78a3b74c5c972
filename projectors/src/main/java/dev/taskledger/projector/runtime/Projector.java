package dev.taskledger.projector.runtime;

import dev.taskledger.ledger.StoredEvent;

/**
 * A projector: brings its projection's documents from the state before an event to the state after it. Pure
 * apart from reading and changing its own documents through {@link Documents}; the runtime writes them, and the
 * checkpoint, in one transaction.
 */
public interface Projector {
    /** Stable name, part of every key of the projection. */
    String name();

    /**
     * The most documents one event can put or delete: the runtime closes a transaction before it could exceed the
     * store's item limit, and refuses an event that changes more (a projector bug).
     */
    int maxChangesPerEvent();

    void apply(StoredEvent event, Documents documents);
}
