package dev.taskledger.projector.runtime;

import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.WriteOp;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The documents of one projection version that a transaction (or a bulk flush) will write: read through to the
 * table on a miss, changed in memory, turned into whole-item writes by {@link #writes}. Not thread-safe.
 */
final class StagedDocuments implements Documents {
    /** A document as staged: {@code document} null means absent; {@code changed} means it is to be written. */
    private record Entry(DocumentForm<?> form, Object document, boolean changed) {}

    private final Function<String, Key> keys;
    private final Function<Key, Optional<Item>> table;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();
    private int changes;

    StagedDocuments(Function<String, Key> keys, Function<Key, Optional<Item>> table) {
        this.keys = keys;
        this.table = table;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> get(String suffix, DocumentForm<T> form) {
        Key key = keys.apply(suffix);
        Entry entry = entries.get(key);
        if (entry == null) {
            T read = table.apply(key).map(form::read).orElse(null);
            entries.put(key, new Entry(form, read, false));
            return Optional.ofNullable(read);
        }
        if (entry.document() == null) {
            return Optional.empty();
        }
        if (entry.form() != form) {
            throw new IllegalStateException("document " + key + " read in two different forms");
        }
        return Optional.of((T) entry.document());
    }

    @Override
    public void put(String suffix, DocumentForm<?> form, Object document) {
        stage(keys.apply(suffix), new Entry(form, java.util.Objects.requireNonNull(document), true));
    }

    @Override
    public void delete(String suffix) {
        stage(keys.apply(suffix), new Entry(null, null, true));
    }

    private void stage(Key key, Entry entry) {
        Entry before = entries.put(key, entry);
        if (before == null || !before.changed()) {
            changes++;
        }
    }

    /** How many items {@link #writes} will write. */
    int changes() {
        return changes;
    }

    /** How many items are held, read or changed: what a bulk replay bounds its memory by. */
    int size() {
        return entries.size();
    }

    /** Whole-item puts and deletes of every changed document; a document shared by several items encoded once. */
    List<WriteOp> writes() {
        Map<Object, Map<String, Attr>> encoded = new IdentityHashMap<>();
        List<WriteOp> writes = new ArrayList<>(changes);
        entries.forEach((key, entry) -> {
            if (!entry.changed()) {
                return;
            }
            if (entry.document() == null) {
                writes.add(new WriteOp.Delete(key, Condition.NONE));
                return;
            }
            Map<String, Attr> attributes = encoded.computeIfAbsent(entry.document(), document -> encode(entry));
            Item.Builder item = Item.of(key);
            attributes.forEach(item::with);
            writes.add(new WriteOp.Put(item.build(), Condition.NONE));
        });
        return writes;
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, Attr> encode(Entry entry) {
        return ((DocumentForm<T>) entry.form()).attributes((T) entry.document());
    }
}
