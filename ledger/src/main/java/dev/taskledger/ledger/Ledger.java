package dev.taskledger.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventDecodingException;
import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.HashChain;
import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.CorruptItemException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.SortKeyRange;
import dev.taskledger.table.Table;
import dev.taskledger.table.TransactionConflictException;
import dev.taskledger.table.WriteOp;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A tenant's ledger over the table port. {@link #append} writes, in one transaction: each event item (with
 * its copy in the task's history), the ledger head (conditional on the sequence read), the task's write state
 * (conditional on the expected version) and the idempotency record (conditional on its absence). A head
 * conflict — another append to the same tenant won — is retried with jittered backoff; every other conflict is
 * an outcome for the caller. Within one process, appends to the same tenant are serialized by a striped lock, so
 * the conditional write only arbitrates between processes.
 */
public final class Ledger {
    static final String EVENT = "event";
    static final String SEQUENCE = "sequence";
    static final String HASH = "hash";
    static final String VERSION = "version";
    static final String LAST_SEQUENCE = "last_sequence";
    static final String STATE = "state";
    static final String TASK_ID = "task_id";
    static final String FINGERPRINT = "fingerprint";
    static final String RESPONSE = "response";
    static final String EXPIRES_AT = Keys.TTL_ATTRIBUTE;
    private static final int PAGE = 500;
    private static final long MAX_VERSION = 9_999_999_999L;
    private static final int PREFETCH_PAGES = 8;
    private static final Object END_OF_PAGES = new Object();

    private final Table table;
    private final Clock clock;
    private final Retry retry;
    private final ReentrantLock[] tenantLocks = new ReentrantLock[256];

    public Ledger(Table table, Clock clock) {
        this(table, clock, 200);
    }

    /** {@code maxAttempts} bounds the retries on head contention (one tenant, many concurrent writers). */
    public Ledger(Table table, Clock clock, int maxAttempts) {
        this.table = table;
        this.clock = clock;
        for (int i = 0; i < tenantLocks.length; i++) {
            tenantLocks[i] = new ReentrantLock();
        }
        this.retry = Retry.of(
                "ledger-head",
                RetryConfig.custom()
                        .maxAttempts(maxAttempts)
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                                Duration.ofMillis(1), 1.5, 0.9, Duration.ofMillis(50)))
                        .retryExceptions(HeadMoved.class, TransactionConflictException.class)
                        .build());
    }

    public Table table() {
        return table;
    }

    public AppendOutcome append(AppendRequest request) {
        try {
            return retry.executeSupplier(() -> {
                // Appends to one tenant within this process take turns: the head is a single hot item, and racing
                // for it only burns retries. Across processes (Lambda) the conditional write still decides.
                ReentrantLock lock =
                        tenantLocks[Math.floorMod(request.tenantId().hashCode(), tenantLocks.length)];
                lock.lock();
                try {
                    return attempt(request);
                } finally {
                    lock.unlock();
                }
            });
        } catch (HeadMoved e) {
            throw new LedgerContentionException(request.tenantId(), e);
        }
    }

    private AppendOutcome attempt(AppendRequest request) {
        String tenant = request.tenantId();
        LedgerHead head = head(tenant);
        List<EventEnvelope> sealed = new ArrayList<>();
        String prev = head.hash();
        for (int i = 0; i < request.events().size(); i++) {
            PendingEvent e = request.events().get(i);
            EventEnvelope envelope = HashChain.seal(new EventEnvelope(
                    e.eventId(),
                    tenant,
                    request.taskId(),
                    request.expectedVersion() + i + 1,
                    head.sequence() + i + 1,
                    e.occurredAt(),
                    e.actor(),
                    e.correlationId(),
                    e.data(),
                    prev,
                    ""));
            sealed.add(envelope);
            prev = envelope.hash();
        }
        AppendOutcome.Appended appended = new AppendOutcome.Appended(sealed);
        EventEnvelope last = appended.last();

        List<WriteOp> ops = new ArrayList<>();
        for (EventEnvelope envelope : sealed) {
            String json = EventCodec.toJsonString(envelope);
            ops.add(new WriteOp.Put(
                    eventItem(Keys.event(tenant, envelope.sequence()), envelope, json), Condition.NOT_EXISTS));
            ops.add(new WriteOp.Put(
                    eventItem(Keys.history(tenant, envelope.taskId(), envelope.taskVersion()), envelope, json),
                    Condition.NOT_EXISTS));
        }
        Key headKey = Keys.head(tenant);
        if (head.sequence() == 0) {
            ops.add(new WriteOp.Put(
                    Item.of(Keys.tenantRegistration(tenant))
                            .with("tenant_id", tenant)
                            .build(),
                    Condition.NONE));
        }
        ops.add(new WriteOp.Put(
                Item.of(headKey)
                        .with(SEQUENCE, last.sequence())
                        .with(HASH, last.hash())
                        .build(),
                head.sequence() == 0 ? Condition.NOT_EXISTS : Condition.equals(SEQUENCE, Attr.n(head.sequence()))));
        Key taskKey = Keys.task(tenant, request.taskId());
        ops.add(new WriteOp.Put(
                Item.of(taskKey)
                        .with(TASK_ID, request.taskId())
                        .with(VERSION, last.taskVersion())
                        .with(LAST_SEQUENCE, last.sequence())
                        .with(STATE, request.newState())
                        .build(),
                request.expectedVersion() == 0
                        ? Condition.NOT_EXISTS
                        : Condition.equals(VERSION, Attr.n(request.expectedVersion()))));
        Optional<Key> idempotencyKey = request.idempotency().map(w -> {
            Key key = Keys.idempotency(tenant, w.key());
            Condition condition = storedIdempotency(key)
                    .filter(stored -> stored.expiresAt().isBefore(clock.instant()))
                    .map(expired -> Condition.equals(
                            EXPIRES_AT, Attr.n(expired.expiresAt().getEpochSecond())))
                    .orElse(Condition.NOT_EXISTS);
            ops.add(new WriteOp.Put(
                    Item.of(key)
                            .with(FINGERPRINT, w.fingerprint())
                            .with(RESPONSE, w.response().apply(appended))
                            .with(SEQUENCE, last.sequence())
                            .with(EXPIRES_AT, w.expiresAt().getEpochSecond())
                            .build(),
                    condition));
            return key;
        });

        try {
            table.transactWrite(ops);
            return appended;
        } catch (ConditionFailedException e) {
            if (e.failedOn(taskKey)) {
                return taskState(tenant, request.taskId())
                        .<AppendOutcome>map(s -> new AppendOutcome.VersionMismatch(s.version()))
                        .orElseGet(AppendOutcome.NotFound::new);
            }
            if (idempotencyKey.isPresent() && e.failedOn(idempotencyKey.get())) {
                Optional<IdempotencyRecord> existing = storedIdempotency(idempotencyKey.get());
                if (existing.isPresent()) {
                    return new AppendOutcome.IdempotencyKeyTaken(existing.get());
                }
            }
            throw new HeadMoved();
        }
    }

    private static Item eventItem(Key key, EventEnvelope envelope, String json) {
        return Item.of(key)
                .with(EVENT, json)
                .with(SEQUENCE, envelope.sequence())
                .with(TASK_ID, envelope.taskId())
                .with(VERSION, envelope.taskVersion())
                .build();
    }

    public LedgerHead head(String tenantId) {
        return table.get(Keys.head(tenantId))
                .map(item -> new LedgerHead(item.number(SEQUENCE), item.string(HASH)))
                .orElse(LedgerHead.EMPTY);
    }

    /** Every tenant that has a ledger, in tenant-id order. */
    public List<String> tenants() {
        List<String> tenants = new ArrayList<>();
        Query query = new Query(Keys.TENANTS, new SortKeyRange.Between("0", "{"), true, PAGE, Optional.empty());
        while (true) {
            Page page = table.query(query);
            page.items().forEach(item -> tenants.add(item.key().sk()));
            if (page.lastEvaluatedKey().isEmpty()) {
                return tenants;
            }
            query = query.after(page.lastEvaluatedKey().get());
        }
    }

    /** A task's write state in one read, or empty if it never existed. */
    public Optional<TaskWriteState> taskState(String tenantId, String taskId) {
        return table.get(Keys.task(tenantId, taskId))
                .map(item -> new TaskWriteState(
                        taskId, item.number(VERSION), item.number(LAST_SEQUENCE), item.string(STATE)));
    }

    /** The live idempotency record of a key (an expired one reads as absent). */
    public Optional<IdempotencyRecord> idempotency(String tenantId, String key) {
        return storedIdempotency(Keys.idempotency(tenantId, key))
                .filter(r -> !r.expiresAt().isBefore(clock.instant()));
    }

    private Optional<IdempotencyRecord> storedIdempotency(Key key) {
        return table.get(key)
                .map(item -> new IdempotencyRecord(
                        key.sk().substring(Keys.IDEMPOTENCY_PREFIX.length()),
                        item.string(FINGERPRINT),
                        item.string(RESPONSE),
                        item.number(SEQUENCE),
                        Instant.ofEpochSecond(item.number(EXPIRES_AT))));
    }

    /**
     * Stores the idempotency record of a request that appended nothing (a rejection, a no-op). Returns the record
     * already stored under the key, if another request got there first.
     */
    public Optional<IdempotencyRecord> putIdempotency(String tenantId, IdempotencyRecord record) {
        Key key = Keys.idempotency(tenantId, record.key());
        Optional<IdempotencyRecord> stored = storedIdempotency(key);
        if (stored.isPresent() && !stored.get().expiresAt().isBefore(clock.instant())) {
            return stored;
        }
        Condition condition = stored.map(
                        s -> Condition.equals(EXPIRES_AT, Attr.n(s.expiresAt().getEpochSecond())))
                .orElse(Condition.NOT_EXISTS);
        try {
            table.put(
                    Item.of(key)
                            .with(FINGERPRINT, record.fingerprint())
                            .with(RESPONSE, record.response())
                            .with(SEQUENCE, record.sequence())
                            .with(EXPIRES_AT, record.expiresAt().getEpochSecond())
                            .build(),
                    condition);
            return Optional.empty();
        } catch (ConditionFailedException e) {
            return storedIdempotency(key);
        }
    }

    /** One page of events with {@code from <= sequence <= to}, in sequence order (may be short: see {@link #eventPage}). */
    public List<StoredEvent> events(String tenantId, long fromSequence, long toSequence, int limit) {
        return eventPage(tenantId, fromSequence, toSequence, limit).events();
    }

    /**
     * A page of stored events and whether more may follow. A page holds at most {@code limit} events and, as
     * DynamoDB's do, about 1 MB of items: so a short page does not mean the end, {@code more} does.
     */
    public record EventPage(List<StoredEvent> events, boolean more) {}

    EventPage eventPage(String tenantId, long fromSequence, long toSequence, int limit) {
        if (fromSequence > toSequence) {
            return new EventPage(List.of(), false);
        }
        Page page = table.query(new Query(
                Keys.tenantPartition(tenantId),
                new SortKeyRange.Between(
                        Keys.event(tenantId, fromSequence).sk(),
                        Keys.event(tenantId, toSequence).sk()),
                true,
                limit,
                Optional.empty()));
        return new EventPage(
                page.items().stream().map(Ledger::decode).toList(),
                page.lastEvaluatedKey().isPresent());
    }

    /** Visits every event with {@code from <= sequence <= to} in order, a page at a time. */
    public void forEachEvent(String tenantId, long fromSequence, long toSequence, Consumer<StoredEvent> visitor) {
        long next = fromSequence;
        while (next <= toSequence) {
            EventPage page = eventPage(tenantId, next, toSequence, PAGE);
            if (page.events().isEmpty()) {
                return;
            }
            page.events().forEach(visitor);
            next = page.events().getLast().envelope().sequence() + 1;
            if (!page.more()) {
                return;
            }
        }
    }

    /**
     * Like {@link #forEachEvent}, reading and decoding up to {@value #PREFETCH_PAGES} pages ahead on another thread
     * while the visitor works: for long replays (rebuilds), where decoding is a third of the work and the visitor
     * pauses now and then to write what it built (a reader only one page ahead stalled for each of those pauses).
     */
    public void forEachEventPrefetched(
            String tenantId, long fromSequence, long toSequence, Consumer<StoredEvent> visitor) {
        BlockingQueue<Object> pages = new ArrayBlockingQueue<>(PREFETCH_PAGES);
        Thread reader = Thread.ofPlatform()
                .daemon()
                .name("ledger-prefetch")
                .start(() -> readAhead(tenantId, fromSequence, toSequence, pages));
        try {
            while (true) {
                Object next = pages.take();
                if (next == END_OF_PAGES) {
                    return;
                }
                if (next instanceof RuntimeException failure) {
                    throw failure;
                }
                @SuppressWarnings("unchecked")
                List<StoredEvent> page = (List<StoredEvent>) next;
                page.forEach(visitor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the ledger", e);
        } finally {
            reader.interrupt(); // a visitor that threw leaves the reader blocked on a full queue
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The reader's side: pages, then the end marker, or the failure; stops when interrupted. */
    private void readAhead(String tenantId, long from, long to, BlockingQueue<Object> pages) {
        try {
            try {
                long next = from;
                while (next <= to) {
                    EventPage page = eventPage(tenantId, next, to, PAGE);
                    if (!page.events().isEmpty()) {
                        pages.put(page.events());
                    }
                    if (!page.more() || page.events().isEmpty()) {
                        break;
                    }
                    next = page.events().getLast().envelope().sequence() + 1;
                }
                pages.put(END_OF_PAGES);
            } catch (RuntimeException failure) {
                pages.put(failure);
            }
        } catch (InterruptedException stopped) {
            // the visitor is done (or failed): nobody waits for more pages
        }
    }

    /**
     * Visits the stored JSON of every event with {@code from <= sequence <= to}, in order, without decoding it into
     * records: what verification needs, at a fraction of the cost. The node is the visitor's to change.
     */
    public void forEachStoredJson(
            String tenantId, long fromSequence, long toSequence, BiConsumer<Long, ObjectNode> visitor) {
        long next = fromSequence;
        while (next <= toSequence) {
            Page page = table.query(new Query(
                    Keys.tenantPartition(tenantId),
                    new SortKeyRange.Between(
                            Keys.event(tenantId, next).sk(),
                            Keys.event(tenantId, toSequence).sk()),
                    true,
                    PAGE,
                    Optional.empty()));
            for (Item item : page.items()) {
                try {
                    JsonNode node = EventCodec.MAPPER.readTree(item.string(EVENT));
                    if (!(node instanceof ObjectNode obj)) {
                        throw new CorruptItemException(item.key().toString(), "event is not a JSON object");
                    }
                    visitor.accept(item.number(SEQUENCE), obj);
                } catch (JsonProcessingException e) {
                    throw new CorruptItemException(item.key(), e.getMessage(), e);
                }
            }
            if (page.lastEvaluatedKey().isEmpty() || page.items().isEmpty()) {
                return;
            }
            next = page.items().getLast().number(SEQUENCE) + 1;
        }
    }

    /** A task's events in version order, its deletion included: for short histories (tests); see {@link #forEachHistory}. */
    public List<EventEnvelope> history(String tenantId, String taskId) {
        List<EventEnvelope> events = new ArrayList<>();
        forEachHistory(tenantId, taskId, 0, e -> {
            events.add(e.envelope());
            return true;
        });
        return events;
    }

    /** A page of a task's history: at most {@code limit} events (fewer when the page's bytes run out), then whether more follow. */
    public record HistoryPage(List<StoredEvent> events, boolean more) {}

    /** The events of a task with {@code task_version > afterVersion}, in version order, one bounded page. */
    public HistoryPage historyPage(String tenantId, String taskId, long afterVersion, int limit) {
        Page page = table.query(new Query(
                Keys.tenantPartition(tenantId),
                new SortKeyRange.Between(
                        Keys.history(tenantId, taskId, afterVersion + 1).sk(),
                        Keys.history(tenantId, taskId, MAX_VERSION).sk()),
                true,
                Math.min(Query.MAX_LIMIT, limit + 1),
                Optional.empty()));
        List<StoredEvent> events = new ArrayList<>();
        for (Item item : page.items()) {
            if (events.size() == limit) {
                return new HistoryPage(events, true);
            }
            events.add(decode(item));
        }
        return new HistoryPage(events, page.lastEvaluatedKey().isPresent());
    }

    /**
     * Visits a task's events after {@code afterVersion} in version order, a bounded page at a time, until the visitor
     * answers false: memory stays at one page however long the history (time travel folds as it reads).
     */
    public void forEachHistory(
            String tenantId, String taskId, long afterVersion, java.util.function.Predicate<StoredEvent> visitor) {
        long after = afterVersion;
        while (true) {
            HistoryPage page = historyPage(tenantId, taskId, after, PAGE);
            for (StoredEvent event : page.events()) {
                if (!visitor.test(event)) {
                    return;
                }
            }
            if (!page.more() || page.events().isEmpty()) {
                return;
            }
            after = page.events().getLast().envelope().taskVersion();
        }
    }

    static StoredEvent decode(Item item) {
        String json = item.string(EVENT);
        try {
            JsonNode node = EventCodec.MAPPER.readTree(json);
            if (!(node instanceof ObjectNode obj)) {
                throw new CorruptItemException(item.key().toString(), "event is not a JSON object");
            }
            return new StoredEvent(EventCodec.fromJson(obj), obj, json);
        } catch (JsonProcessingException | EventDecodingException e) {
            throw new CorruptItemException(item.key(), e.getMessage(), e);
        }
    }

    /** Internal signal: the head moved between read and write; the append is retried. */
    static final class HeadMoved extends RuntimeException {
        HeadMoved() {
            super("ledger head moved", null, false, false);
        }
    }
}
