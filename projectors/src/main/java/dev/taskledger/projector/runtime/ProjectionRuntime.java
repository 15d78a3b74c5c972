package dev.taskledger.projector.runtime;

import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.projector.read.ProjectionReader;
import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.Table;
import dev.taskledger.table.TransactionConflictException;
import dev.taskledger.table.WriteOp;
import java.util.List;
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
    static final String SEQUENCE = ProjectionReader.SEQUENCE;
    static final String VERSION = ProjectionReader.VERSION;
    private static final int BATCH = 100;
    private static final int FLUSH_ITEMS = 20_000;
    private static final int PURGE_PAGE = 1_000;

    private final Ledger ledger;
    private final Table table;
    private final Projector projector;
    private final ProjectionReader reader;
    private final ReentrantLock[] locks = new ReentrantLock[64];
    private final int flushItems;

    public ProjectionRuntime(Ledger ledger, Projector projector) {
        this(ledger, projector, FLUSH_ITEMS);
    }

    /** {@code flushItems}: how many documents a rebuild stages before writing them (tests make it small). */
    ProjectionRuntime(Ledger ledger, Projector projector, int flushItems) {
        this.flushItems = flushItems;
        this.ledger = ledger;
        this.table = ledger.table();
        this.projector = projector;
        this.reader = new ProjectionReader(ledger, table, projector.name());
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public String name() {
        return projector.name();
    }

    /** What queries see of this projection. */
    public ProjectionReader reader() {
        return reader;
    }

    /** The version readers use (1 until the first rebuild). */
    public long activeVersion(String tenant) {
        return reader.activeVersion(tenant);
    }

    /** The sequence of the tenant's ledger head (0 for a tenant without events): what a projection can reach. */
    public long ledgerHead(String tenant) {
        return reader.ledgerHead(tenant);
    }

    /** The last sequence the active version applied: what {@code X-Ledger-Projected-Sequence} reports. */
    public long projectedSequence(String tenant) {
        return reader.projectedSequence(tenant);
    }

    long checkpoint(String tenant, long version) {
        return reader.checkpoint(tenant, version);
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
     * Applies events in groups: each group's documents (staged in memory, so a document changed by several events
     * is written once) and the checkpoint advance are one conditional transaction, kept within the store's item
     * limit.
     */
    private void catchUp(String tenant, long version, long upTo) {
        long applied = checkpoint(tenant, version);
        while (applied < upTo) {
            List<StoredEvent> events = ledger.events(tenant, applied + 1, upTo, BATCH);
            if (events.isEmpty()) {
                return;
            }
            try {
                applied = applyInGroups(tenant, version, applied, events);
            } catch (ConditionFailedException | TransactionConflictException raced) {
                // another runner advanced the checkpoint: continue from where it is now
                applied = checkpoint(tenant, version);
            }
        }
    }

    private long applyInGroups(String tenant, long version, long from, List<StoredEvent> events) {
        StagedDocuments group = staged(tenant, version);
        int groupStart = 0;
        long groupFrom = from;
        long last = from;
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            long sequence = event.envelope().sequence();
            if (sequence != last + 1) {
                throw new IllegalStateException(
                        "ledger of " + tenant + " has no event " + (last + 1) + " (found " + sequence + ")");
            }
            if (group.changes() + projector.maxChangesPerEvent() >= Table.MAX_TRANSACTION_ITEMS) {
                commit(tenant, version, group, groupFrom, last);
                group = staged(tenant, version);
                groupStart = i;
                groupFrom = last;
            }
            try {
                apply(event, group);
            } catch (RuntimeException poison) {
                // keep what came before the failing event, so that only it (and what follows) waits; the failing
                // event may have changed staged documents before it threw, so its group is staged again without it
                StagedDocuments before = staged(tenant, version);
                for (StoredEvent earlier : events.subList(groupStart, i)) {
                    apply(earlier, before);
                }
                commit(tenant, version, before, groupFrom, last);
                throw poison;
            }
            last = sequence;
        }
        commit(tenant, version, group, groupFrom, last);
        return last;
    }

    private StagedDocuments staged(String tenant, long version) {
        return staged(tenant, version, table::get);
    }

    private StagedDocuments staged(String tenant, long version, Function<Key, Optional<Item>> reader) {
        return new StagedDocuments(suffix -> Keys.projectionItem(tenant, projector.name(), version, suffix), reader);
    }

    private void apply(StoredEvent event, StagedDocuments documents) {
        int before = documents.changes();
        projector.apply(event, documents);
        if (documents.changes() - before > projector.maxChangesPerEvent()) {
            throw new IllegalStateException(projector.name() + " changed more than " + projector.maxChangesPerEvent()
                    + " documents for event " + event.envelope().sequence());
        }
    }

    /** The group's writes and the checkpoint advance from {@code from} to {@code last}, as one transaction. */
    private void commit(String tenant, long version, StagedDocuments group, long from, long last) {
        if (last == from) {
            return;
        }
        List<WriteOp> ops = group.writes();
        Key checkpoint = Keys.projectionCheckpoint(tenant, projector.name(), version);
        ops.add(new WriteOp.Put(
                Item.of(checkpoint).with(SEQUENCE, last).build(),
                from == 0 ? Condition.NOT_EXISTS : Condition.equals(SEQUENCE, Attr.n(from))));
        table.transactWriteRecomputable(ops);
    }

    /**
     * Replays the tenant's ledger into a new version while readers keep the current one, then catches the new
     * version up under the tenant's lock and switches readers to it. Returns the new version. The version readers
     * used until then is kept (requests may still be reading it); every older one, and any replay abandoned before
     * it, is deleted.
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
        for (long version = 1; version < next; version++) {
            if (version != current) {
                deleteVersion(tenant, version);
            }
        }
        return next;
    }

    /**
     * Replays events 1..{@code upTo} into a version no reader uses yet, staging documents in memory and batch-writing
     * them (whole items, so a repeated replay converges) every {@value #FLUSH_ITEMS} documents (by default) on a writer thread
     * while the replay continues, the checkpoint last.
     * Not atomic as a whole: an interrupted replay leaves a version that is never activated (the next rebuild starts
     * a newer one).
     */
    private void bulkReplay(String tenant, long version, long upTo) {
        try (BackgroundFlusher flusher = new BackgroundFlusher(table)) {
            StagedDocuments[] staged = {staged(tenant, version, flusher::read)};
            ledger.forEachEventPrefetched(tenant, 1, upTo, event -> {
                apply(event, staged[0]);
                if (staged[0].size() >= flushItems) {
                    flusher.flush(staged[0].writes());
                    staged[0] = staged(tenant, version, flusher::read);
                }
            });
            flusher.flush(staged[0].writes());
            flusher.finish();
        }
        if (upTo > 0) {
            table.put(
                    Item.of(Keys.projectionCheckpoint(tenant, projector.name(), version))
                            .with(SEQUENCE, upTo)
                            .build(),
                    Condition.NONE);
        }
    }

    /** Deletes every item of one version, checkpoint included (a no-op for a version with none left). */
    private void deleteVersion(String tenant, long version) {
        Query everything = Query.prefix(
                Keys.tenantPartition(tenant), Keys.projectionPrefix(projector.name(), version), PURGE_PAGE);
        while (true) {
            Page page = table.query(everything); // from the start each time: what was read is gone
            if (page.items().isEmpty()) {
                return;
            }
            table.writeBatch(page.items().stream()
                    .<WriteOp>map(item -> new WriteOp.Delete(item.key(), Condition.NONE))
                    .toList());
        }
    }

    private long latestStartedVersion(String tenant) {
        long version = activeVersion(tenant);
        while (table.get(Keys.projectionCheckpoint(tenant, projector.name(), version + 1))
                .isPresent()) {
            version++;
        }
        return version;
    }

    /** Reads one item of the active version. */
    public Optional<Item> read(String tenant, String suffix) {
        return reader.read(tenant, suffix);
    }
}
