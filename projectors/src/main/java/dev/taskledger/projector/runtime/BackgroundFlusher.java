package dev.taskledger.projector.runtime;

import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a bulk replay's flushes on threads of their own, one flush at a time (in {@value #WRITERS} parts written
 * side by side: the store encodes items outside its write lock), while the replay goes on — writing was the
 * replay's longest stretch. Until a flush is written, reads of its items are answered from the flush itself, so
 * the replay never reads around it. Used by one replay thread; items are immutable; a flush's keys are distinct.
 */
final class BackgroundFlusher implements AutoCloseable {
    private final Table table;
    private static final int WRITERS = 2;
    private final ExecutorService writers = Executors.newFixedThreadPool(
            WRITERS, Thread.ofPlatform().daemon().name("projection-writer-", 1).factory());
    private Map<Key, Optional<Item>> pending = Map.of();
    private List<Future<?>> inFlight = List.of();

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
        int part = (writes.size() + WRITERS - 1) / WRITERS;
        List<Future<?>> parts = new java.util.ArrayList<>();
        for (int from = 0; from < writes.size(); from += part) {
            List<WriteOp> slice = writes.subList(from, Math.min(writes.size(), from + part));
            parts.add(writers.submit(() -> table.writeBatch(slice)));
        }
        inFlight = parts;
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
            for (Future<?> part : inFlight) {
                part.get();
            }
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
        writers.close();
    }
}
