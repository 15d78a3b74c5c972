package dev.taskledger.projector.runtime;

import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a bulk replay's flushes on a thread of its own, one flush at a time, while the replay goes on (writing
 * was the replay's longest stretch on two cores). Until a flush is written, reads of its items are answered from
 * the flush itself, so the replay never reads around it. Used by one replay thread; items are immutable.
 */
final class BackgroundFlusher implements AutoCloseable {
    private final Table table;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("projection-writer").factory());
    private Map<Key, Optional<Item>> pending = Map.of();
    private Future<?> inFlight = CompletableFuture.completedFuture(null);

    BackgroundFlusher(Table table) {
        this.table = table;
    }

    /** Waits for the previous flush to be written, then starts writing this one. */
    void flush(List<WriteOp> writes) {
        awaitInFlight();
        Map<Key, Optional<Item>> items = new HashMap<>();
        for (WriteOp op : writes) {
            items.put(op.key(), op instanceof WriteOp.Put put ? Optional.of(put.item()) : Optional.empty());
        }
        pending = items;
        inFlight = writer.submit(() -> table.writeBatch(writes));
    }

    /** The item as the replay has written it so far, whether or not its flush has reached the table. */
    Optional<Item> read(Key key) {
        Optional<Item> unwritten = pending.get(key);
        return unwritten != null ? unwritten : table.get(key);
    }

    /** Returns once everything flushed is written; throws what writing it threw. */
    void finish() {
        awaitInFlight();
        pending = Map.of();
    }

    private void awaitInFlight() {
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("writing a flush failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a flush", e);
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
