package dev.taskledger.projector.runtime;

import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Table;
import dev.taskledger.table.TransactionConflictException;
import dev.taskledger.table.WriteOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs one projector over the ledger, per tenant: its checkpoint is the last sequence applied. A delivery of
 * sequence {@code s} means "catch up to {@code s}": a duplicate or older delivery changes nothing; a gap is filled
 * by reading the missing events from the ledger and applying them in order. Each event's writes and the
 * checkpoint advance are one transaction, conditional on the checkpoint read, so concurrent runners (several
 * Lambda instances) can never apply an event twice. Readers use the active version; {@link #rebuild} replays
 * the ledger into the next version and then switches readers over.
 */
public final class ProjectionRuntime {
    static final String SEQUENCE = "sequence";
    static final String VERSION = "version";
    private static final int BATCH = 100;
    private static final int FLUSH_ITEMS = 20_000;

    private final Ledger ledger;
    private final Table table;
    private final Projector projector;
    private final ReentrantLock[] locks = new ReentrantLock[64];

    public ProjectionRuntime(Ledger ledger, Projector projector) {
        this.ledger = ledger;
        this.table = ledger.table();
        this.projector = projector;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public String name() {
        return projector.name();
    }

    /** The version readers use (1 until the first rebuild). */
    public long activeVersion(String tenant) {
        return table.get(Keys.projectionActive(tenant, projector.name()))
                .map(i -> i.number(VERSION))
                .orElse(1L);
    }

    /** The last sequence the active version applied: what {@code X-Ledger-Projected-Sequence} reports. */
    /** The sequence of the tenant's ledger head (0 for a tenant without events): what a projection can reach. */
    public long ledgerHead(String tenant) {
        return ledger.head(tenant).sequence();
    }

    public long projectedSequence(String tenant) {
        return checkpoint(tenant, activeVersion(tenant));
    }

    long checkpoint(String tenant, long version) {
        return table.get(Keys.projectionCheckpoint(tenant, projector.name(), version))
                .map(i -> i.number(SEQUENCE))
                .orElse(0L);
    }

    /** Applies every event up to {@code sequence} that the active version has not applied yet. */
    public void catchUp(String tenant, long sequence) {
        ReentrantLock lock = locks[Math.floorMod(tenant.hashCode(), locks.length)];
        lock.lock();
        try {
            catchUp(tenant, activeVersion(tenant), sequence);
        } finally {
            lock.unlock();
        }
    }

    /** Catches up to the ledger's head (at least to {@code sequence}); a no-op when already there. */
    public void catchUpToHead(String tenant, long sequence) {
        if (projectedSequence(tenant) >= sequence) {
            return; // a duplicate, or already applied by an earlier catch-up
        }
        catchUp(tenant, Math.max(sequence, ledger.head(tenant).sequence()));
    }

    /** Catches every tenant up to its ledger head (at start-up, after a crash between ledger and projection). */
    public void catchUpAll() {
        for (String tenant : ledger.tenants()) {
            catchUp(tenant, ledger.head(tenant).sequence());
        }
    }

    /**
     * Applies events in groups: each group's item writes (folded through a small write-back cache, so an item
     * touched by several events is written once) and the checkpoint advance are one conditional transaction.
     */
    private void catchUp(String tenant, long version, long upTo) {
        long applied = checkpoint(tenant, version);
        while (applied < upTo) {
            List<StoredEvent> events = ledger.events(tenant, applied + 1, upTo, BATCH);
            if (events.isEmpty()) {
                return;
            }
            Group group = new Group(tenant, version, applied);
            try {
                for (StoredEvent event : events) {
                    long sequence = event.envelope().sequence();
                    if (sequence != group.last + 1) {
                        throw new IllegalStateException("ledger of " + tenant + " has no event " + (group.last + 1)
                                + " (found " + sequence + ")");
                    }
                    Group current = group;
                    List<WriteOp> ops;
                    try {
                        ops = projector.apply(
                                event,
                                suffix -> Keys.projectionItem(tenant, projector.name(), version, suffix),
                                current::read);
                    } catch (RuntimeException poison) {
                        // keep what came before the failing event, so that only it (and what follows) waits
                        group.commit();
                        throw poison;
                    }
                    if (!group.fits(ops)) {
                        group.commit();
                        group = new Group(tenant, version, group.last);
                        ops = projector.apply(
                                event,
                                suffix -> Keys.projectionItem(tenant, projector.name(), version, suffix),
                                table::get);
                    }
                    group.add(ops, sequence);
                }
                group.commit();
                applied = group.last;
            } catch (ConditionFailedException | TransactionConflictException raced) {
                // another runner advanced the checkpoint: continue from where it is now
                applied = checkpoint(tenant, version);
            }
        }
    }

    /** Consecutive events applied together; committed as one transaction with the checkpoint. */
    private final class Group {
        final String tenant;
        final long version;
        final long from;
        long last;
        final Map<Key, Optional<Item>> cache = new LinkedHashMap<>();

        Group(String tenant, long version, long from) {
            this.tenant = tenant;
            this.version = version;
            this.from = from;
            this.last = from;
        }

        Optional<Item> read(Key key) {
            return cache.containsKey(key) ? cache.get(key) : table.get(key);
        }

        boolean fits(List<WriteOp> ops) {
            long fresh = ops.stream().filter(op -> !cache.containsKey(op.key())).count();
            return cache.size() + fresh < Table.MAX_TRANSACTION_ITEMS;
        }

        void add(List<WriteOp> ops, long sequence) {
            for (WriteOp op : ops) {
                switch (op) {
                    case WriteOp.Put put -> cache.put(put.key(), Optional.of(put.item()));
                    case WriteOp.Delete delete -> cache.put(delete.key(), Optional.empty());
                    case WriteOp.Update update -> throw new IllegalStateException("projectors write whole items");
                    case WriteOp.Check check -> {}
                }
            }
            last = sequence;
        }

        void commit() {
            if (last == from) {
                return;
            }
            List<WriteOp> ops = new ArrayList<>();
            cache.forEach((key, item) -> ops.add(item.<WriteOp>map(i -> new WriteOp.Put(i, Condition.NONE))
                    .orElseGet(() -> new WriteOp.Delete(key, Condition.NONE))));
            Key checkpoint = Keys.projectionCheckpoint(tenant, projector.name(), version);
            ops.add(new WriteOp.Put(
                    Item.of(checkpoint).with(SEQUENCE, last).build(),
                    from == 0 ? Condition.NOT_EXISTS : Condition.equals(SEQUENCE, Attr.n(from))));
            table.transactWriteRecomputable(ops);
        }
    }

    /**
     * Replays the tenant's ledger into a new version while readers keep the current one, then catches the new
     * version up under the tenant's lock and switches readers to it. Returns the new version. The old version's
     * items stay until a cleanup removes them.
     */
    public long rebuild(String tenant) {
        long current = activeVersion(tenant);
        long next = Math.max(current, latestStartedVersion(tenant)) + 1;
        bulkReplay(tenant, next, ledger.head(tenant).sequence());
        ReentrantLock lock = locks[Math.floorMod(tenant.hashCode(), locks.length)];
        lock.lock();
        try {
            catchUp(tenant, next, ledger.head(tenant).sequence());
            table.put(
                    Item.of(Keys.projectionActive(tenant, projector.name()))
                            .with(VERSION, next)
                            .build(),
                    Condition.NONE);
        } finally {
            lock.unlock();
        }
        return next;
    }

    /**
     * Replays events 1..{@code upTo} into a version no reader uses yet, folding them through an in-memory
     * write-back cache and writing the resulting items in transactions of up to 100, the checkpoint last. Not
     * atomic as a whole: an interrupted replay leaves a version that is never activated (the next rebuild starts
     * a newer one).
     */
    private void bulkReplay(String tenant, long version, long upTo) {
        Map<Key, Optional<Item>> cache = new LinkedHashMap<>();
        Function<Key, Optional<Item>> read = key -> cache.containsKey(key) ? cache.get(key) : table.get(key);
        ledger.forEachEventPrefetched(tenant, 1, upTo, event -> {
            for (WriteOp op : projector.apply(
                    event, suffix -> Keys.projectionItem(tenant, projector.name(), version, suffix), read)) {
                switch (op) {
                    case WriteOp.Put put -> cache.put(put.key(), Optional.of(put.item()));
                    case WriteOp.Delete delete -> cache.put(delete.key(), Optional.empty());
                    case WriteOp.Update update -> throw new IllegalStateException("projectors write whole items");
                    case WriteOp.Check check -> {}
                }
            }
            if (cache.size() >= FLUSH_ITEMS) {
                flush(cache);
            }
        });
        flush(cache);
        if (upTo > 0) {
            table.put(
                    Item.of(Keys.projectionCheckpoint(tenant, projector.name(), version))
                            .with(SEQUENCE, upTo)
                            .build(),
                    Condition.NONE);
        }
    }

    /** Writes the cached items (whole items, so a replay that is repeated converges) and empties the cache. */
    private void flush(Map<Key, Optional<Item>> cache) {
        List<WriteOp> batch = new ArrayList<>();
        for (Map.Entry<Key, Optional<Item>> entry : cache.entrySet()) {
            batch.add(entry.getValue()
                    .<WriteOp>map(item -> new WriteOp.Put(item, Condition.NONE))
                    .orElseGet(() -> new WriteOp.Delete(entry.getKey(), Condition.NONE)));
            if (batch.size() == Table.MAX_TRANSACTION_ITEMS) {
                table.transactWriteRecomputable(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            table.transactWriteRecomputable(batch);
        }
        cache.clear();
    }

    private long latestStartedVersion(String tenant) {
        long version = activeVersion(tenant);
        while (table.get(Keys.projectionCheckpoint(tenant, projector.name(), version + 1))
                .isPresent()) {
            version++;
        }
        return version;
    }

    /** Reads one item of the active version (for query functions). */
    public Optional<Item> read(String tenant, String suffix) {
        return table.get(Keys.projectionItem(tenant, projector.name(), activeVersion(tenant), suffix));
    }
}
