package dev.taskledger.projector.runtime;

import java.util.Optional;

/**
 * A projection's documents as a projector sees them while it applies an event, by key suffix. What a projector
 * puts or deletes is seen by its later reads at once and written by the runtime when it commits: once per
 * transaction of events when projecting live, once per flush of many thousands when rebuilding — so a document
 * changed by many events is encoded once, not once per event.
 *
 * <p>A document {@link #get} returns may be changed in place; the change counts only once it is {@link #put}
 * back. Should {@code apply} throw, the runtime discards everything the failing event touched.
 */
public interface Documents {
    /** The document under {@code suffix}, or empty if there is none (or it was deleted). */
    <T> Optional<T> get(String suffix, DocumentForm<T> form);

    void put(String suffix, DocumentForm<?> form, Object document);

    void delete(String suffix);
}
