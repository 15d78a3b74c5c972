package dev.taskledger.table.sqlite;

import dev.taskledger.table.Attr;
import dev.taskledger.table.AttrJson;
import dev.taskledger.table.BatchRules;
import dev.taskledger.table.ChangeFilter;
import dev.taskledger.table.ChangeRecord;
import dev.taskledger.table.ChangeStream;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.ConsumerPositions;
import dev.taskledger.table.CorruptItemException;
import dev.taskledger.table.Item;
import dev.taskledger.table.ItemSize;
import dev.taskledger.table.Key;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.SortKeyRange;
import dev.taskledger.table.Table;
import dev.taskledger.table.TableException;
import dev.taskledger.table.TransactionRules;
import dev.taskledger.table.WriteOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The table port on SQLite in WAL mode. Each {@link #transactWrite} is one SQL transaction that also appends
 * a DynamoDB-Streams-shaped record per changed item to the {@code stream} table, so the change stream can
 * never disagree with the items. Writes go through one connection under a lock (SQLite has one writer);
 * reads use a small pool of connections and see the last committed state.
 *
 * <p>Durability: {@link Durability#FULL} (the default) syncs the WAL on every commit, so a committed write
 * survives a process kill and a power loss; {@link Durability#NORMAL} survives a process kill but may lose the
 * last commits on power loss.
 */
public final class SqliteTable implements Table, ChangeStream, ConsumerPositions {
    public enum Durability {
        FULL,
        NORMAL
    }

    private static final int READERS = 4;
    private static final int BATCH_TRANSACTION = 2_000;
    private final String url;
    private final Durability durability;
    private final Clock clock;
    private final Predicate<Key> streamed;
    private final Session writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Session> readers = new ArrayBlockingQueue<>(READERS);

    private SqliteTable(Path file, Durability durability, Clock clock, Predicate<Key> streamed) throws SQLException {
        this.streamed = streamed;
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.durability = durability;
        this.clock = clock;
        this.writer = new Session(open());
        try (Statement s = writer.connection().createStatement()) {
            createItems(s);
            s.execute("CREATE TABLE IF NOT EXISTS stream (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL,"
                    + " event_name TEXT NOT NULL, keys TEXT NOT NULL, new_image TEXT, old_image TEXT,"
                    + " created_at INTEGER NOT NULL, size_bytes INTEGER NOT NULL)");
            boolean hasSk = false;
            try (ResultSet columns = s.executeQuery("PRAGMA table_info(stream)")) {
                while (columns.next()) {
                    hasSk |= "sk".equals(columns.getString("name"));
                }
            }
            if (!hasSk) { // stores created before records carried their sort key
                s.execute("ALTER TABLE stream ADD COLUMN sk TEXT");
                s.execute("UPDATE stream SET sk = json_extract(keys, '$.SK.S')");
            }
            s.execute("CREATE TABLE IF NOT EXISTS stream_consumers (name TEXT PRIMARY KEY, position TEXT NOT NULL)");
        }
        for (int i = 0; i < READERS; i++) {
            readers.add(new Session(open()));
        }
    }

    /**
     * Items live in a rowid table with a unique index on their key, not in a {@code WITHOUT ROWID} table: items of a
     * kilobyte and more (task views, audit entries) overflowed the index b-tree's cells, which made the file three
     * times larger and writes and page reads about three times slower. A store created with the earlier layout is
     * converted in place, in one transaction, when it is opened.
     */
    private static void createItems(Statement s) throws SQLException {
        boolean earlierLayout;
        try (ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'items'")) {
            earlierLayout = rs.next()
                    && rs.getString(1).toUpperCase(java.util.Locale.ROOT).contains("WITHOUT ROWID");
        }
        if (earlierLayout) {
            s.execute("BEGIN IMMEDIATE");
            try {
                s.execute("ALTER TABLE items RENAME TO items_without_rowid");
                s.execute("CREATE TABLE items (pk TEXT NOT NULL, sk TEXT NOT NULL, item BLOB NOT NULL)");
                s.execute(
                        "INSERT INTO items (pk, sk, item) SELECT pk, sk, item FROM items_without_rowid ORDER BY pk, sk");
                s.execute("DROP TABLE items_without_rowid");
                s.execute("CREATE UNIQUE INDEX items_key ON items (pk, sk)");
                s.execute("COMMIT");
            } catch (SQLException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
        s.execute("CREATE TABLE IF NOT EXISTS items (pk TEXT NOT NULL, sk TEXT NOT NULL, item BLOB NOT NULL)");
        s.execute("CREATE UNIQUE INDEX IF NOT EXISTS items_key ON items (pk, sk)");
    }

    public static SqliteTable open(Path file) {
        return open(file, Durability.FULL, Clock.systemUTC());
    }

    public static SqliteTable open(Path file, Durability durability, Clock clock) {
        return open(file, durability, clock, key -> true);
    }

    /**
     * With {@code streamed}, only writes of matching keys get change records — as if the stream had an event
     * source filter applied at the source: records no consumer reads (projection items, say) cost nothing.
     */
    public static SqliteTable open(Path file, Durability durability, Clock clock, Predicate<Key> streamed) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new SqliteTable(file, durability, clock, streamed);
        } catch (SQLException | java.io.IOException e) {
            throw new TableException("cannot open the embedded store at " + file + ": " + e.getMessage(), e);
        }
    }

    private Connection open() throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        // the driver otherwise runs "SELECT last_insert_rowid()" after every insert, compiling it each time; nothing
        // here reads generated keys
        properties.setProperty(org.sqlite.SQLiteConfig.Pragma.JDBC_GET_GENERATED_KEYS.pragmaName, "false");
        Connection c = DriverManager.getConnection(url, properties);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + durability.name());
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA foreign_keys=OFF");
        }
        return c;
    }

    @Override
    public Optional<Item> get(Key key) {
        return read(c -> {
            PreparedStatement ps = c.statement("SELECT item FROM items WHERE pk = ? AND sk = ?");
            ps.setString(1, key.pk());
            ps.setString(2, key.sk());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(decode(key, rs.getBytes(1))) : Optional.empty();
            }
        });
    }

    @Override
    public Page query(Query query) {
        StringBuilder sql = new StringBuilder("SELECT sk, item FROM items WHERE pk = ?");
        List<String> args = new ArrayList<>();
        args.add(query.pk());
        switch (query.range()) {
            case SortKeyRange.Prefix p -> {
                sql.append(" AND sk >= ?");
                args.add(p.prefix());
                SortKeys.upperBound(p.prefix()).ifPresent(upper -> {
                    sql.append(" AND sk < ?");
                    args.add(upper);
                });
            }
            case SortKeyRange.Between b -> {
                sql.append(" AND sk >= ? AND sk <= ?");
                args.add(b.from());
                args.add(b.to());
            }
        }
        query.exclusiveStartKey().ifPresent(start -> {
            sql.append(query.forward() ? " AND sk > ?" : " AND sk < ?");
            args.add(start.sk());
        });
        sql.append(query.forward() ? " ORDER BY sk ASC" : " ORDER BY sk DESC").append(" LIMIT ?");
        return read(c -> {
            PreparedStatement ps = c.statement(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            ps.setInt(args.size() + 1, query.limit() + 1);
            List<Item> items = new ArrayList<>();
            boolean more = false;
            long bytes = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == query.limit()) {
                        more = true;
                        break;
                    }
                    byte[] stored = rs.getBytes(2);
                    items.add(decode(new Key(query.pk(), rs.getString(1)), stored));
                    bytes += stored.length;
                    if (bytes >= Table.MAX_PAGE_BYTES) {
                        // as DynamoDB does: a page ends after about 1 MB of items, whatever the limit
                        more = rs.next();
                        break;
                    }
                }
            }
            Optional<Key> last = more ? Optional.of(items.getLast().key()) : Optional.empty();
            return new Page(items, last);
        });
    }

    @Override
    public void transactWrite(List<WriteOp> operations) {
        TransactionRules.check(operations);
        write(operations, false);
    }

    /**
     * Committed without syncing the WAL ({@code synchronous=NORMAL} for this transaction): it survives a process
     * crash, and the next durable commit syncs it too; only a power loss can take it, and projections are rebuilt
     * from the ledger at start-up.
     */
    @Override
    public void transactWriteRecomputable(List<WriteOp> operations) {
        TransactionRules.check(operations);
        write(operations, durability == Durability.FULL);
    }

    /** In transactions of {@value #BATCH_TRANSACTION} (a commit costs more than a hundred small writes here). */
    @Override
    public void writeBatch(List<WriteOp> writes) {
        BatchRules.check(writes);
        for (int from = 0; from < writes.size(); from += BATCH_TRANSACTION) {
            write(
                    writes.subList(from, Math.min(writes.size(), from + BATCH_TRANSACTION)),
                    durability == Durability.FULL);
        }
    }

    private void write(List<WriteOp> operations, boolean relax) {
        // whole items are encoded before taking the writer's lock, so concurrent writers encode in parallel
        Encoded[] encoded = new Encoded[operations.size()];
        for (int i = 0; i < encoded.length; i++) {
            if (operations.get(i) instanceof WriteOp.Put put) {
                encoded[i] = encode(put.key(), put.item().attributes());
            }
        }
        writeLock.lock();
        try {
            if (relax) {
                try (Statement s = writer.connection().createStatement()) {
                    s.execute("PRAGMA synchronous=NORMAL");
                }
            }
            try {
                commit(operations, encoded);
            } finally {
                if (relax) {
                    try (Statement s = writer.connection().createStatement()) {
                        s.execute("PRAGMA synchronous=FULL");
                    }
                }
            }
        } catch (SQLException e) {
            throw new TableException("embedded store write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** An item as stored, and as its change record's image when its key is streamed. */
    private record Encoded(byte[] item, String image) {}

    private Encoded encode(Key key, Map<String, Attr> attributes) {
        return new Encoded(
                BinaryItems.encode(attributes), streamed.test(key) ? AttrJson.toJsonString(attributes) : null);
    }

    private void commit(List<WriteOp> operations, Encoded[] encoded) throws SQLException {
        writer.connection().setAutoCommit(false);
        try {
            apply(operations, encoded);
            writer.connection().commit();
        } catch (RuntimeException | SQLException e) {
            writer.connection().rollback();
            throw e;
        } finally {
            writer.connection().setAutoCommit(true);
        }
    }

    /** {@code encoded}: each put's item as stored, by operation index. */
    private void apply(List<WriteOp> operations, Encoded[] encoded) throws SQLException {
        Map<Key, Optional<Map<String, Attr>>> current = new HashMap<>();
        List<ConditionFailedException.Failure> failures = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            WriteOp op = operations.get(i);
            if (blind(op)) {
                continue;
            }
            Optional<Map<String, Attr>> old = load(op.key());
            current.put(op.key(), old);
            if (!Conditions.holds(op.condition(), old)) {
                failures.add(new ConditionFailedException.Failure(i, op.key(), op.condition()));
            }
        }
        if (!failures.isEmpty()) {
            throw new ConditionFailedException(failures);
        }
        long now = clock.instant().toEpochMilli();
        for (int i = 0; i < operations.size(); i++) {
            WriteOp op = operations.get(i);
            if (blind(op)) {
                store(op.key(), encoded[i]);
                continue;
            }
            Optional<Map<String, Attr>> old = current.get(op.key());
            Optional<Map<String, Attr>> next =
                    switch (op) {
                        case WriteOp.Put put -> Optional.of(put.item().attributes());
                        case WriteOp.Update update -> {
                            Map<String, Attr> merged =
                                    new LinkedHashMap<>(old.orElseGet(() -> keyAttributes(update.key())));
                            merged.putAll(update.set());
                            ItemSize.check(new Item(merged));
                            yield Optional.of(merged);
                        }
                        case WriteOp.Delete delete -> Optional.empty();
                        case WriteOp.Check check -> old;
                    };
            if (op instanceof WriteOp.Check || Objects.equals(old, next)) {
                continue;
            }
            Encoded stored = encoded[i] != null
                    ? encoded[i]
                    : next.map(n -> encode(op.key(), n)).orElse(null);
            store(op.key(), stored);
            if (streamed.test(op.key())) {
                record(op.key(), old, next, stored == null ? null : stored.image(), now);
            }
        }
    }

    /**
     * A put or delete without a condition of an item that gets no change record does not need the item as it was:
     * it is written without reading it (the projection paths write almost only such items).
     */
    private boolean blind(WriteOp op) {
        return (op instanceof WriteOp.Put || op instanceof WriteOp.Delete)
                && op.condition() instanceof Condition.None
                && !streamed.test(op.key());
    }

    private Optional<Map<String, Attr>> load(Key key) throws SQLException {
        PreparedStatement ps = writer.statement("SELECT item FROM items WHERE pk = ? AND sk = ?");
        ps.setString(1, key.pk());
        ps.setString(2, key.sk());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(decode(key, rs.getBytes(1)).attributes()) : Optional.empty();
        }
    }

    /** Stores the item's encoded form, or deletes the item when {@code encoded} is null. */
    private void store(Key key, Encoded encoded) throws SQLException {
        if (encoded != null) {
            PreparedStatement ps = writer.statement("INSERT OR REPLACE INTO items (pk, sk, item) VALUES (?, ?, ?)");
            ps.setString(1, key.pk());
            ps.setString(2, key.sk());
            ps.setBytes(3, encoded.item());
            ps.executeUpdate();
        } else {
            PreparedStatement ps = writer.statement("DELETE FROM items WHERE pk = ? AND sk = ?");
            ps.setString(1, key.pk());
            ps.setString(2, key.sk());
            ps.executeUpdate();
        }
    }

    private void record(
            Key key, Optional<Map<String, Attr>> old, Optional<Map<String, Attr>> next, String nextJson, long now)
            throws SQLException {
        ChangeRecord.EventName name = old.isEmpty()
                ? ChangeRecord.EventName.INSERT
                : next.isEmpty() ? ChangeRecord.EventName.REMOVE : ChangeRecord.EventName.MODIFY;
        long size = next.map(SqliteTable::size).orElse(0L)
                + old.map(SqliteTable::size).orElse(0L);
        PreparedStatement ps = writer.statement("INSERT INTO stream (event_id, event_name, keys, new_image,"
                + " old_image, created_at, size_bytes, sk) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        ps.setString(8, key.sk());
        ps.setString(1, UUID.randomUUID().toString().replace("-", ""));
        ps.setString(2, name.name());
        ps.setString(3, AttrJson.toJsonString(keyAttributes(key)));
        ps.setString(4, nextJson);
        ps.setString(5, old.map(AttrJson::toJsonString).orElse(null));
        ps.setLong(6, now);
        ps.setLong(7, size);
        ps.executeUpdate();
    }

    private static long size(Map<String, Attr> image) {
        return ItemSize.of(new Item(image));
    }

    private static Map<String, Attr> keyAttributes(Key key) {
        Map<String, Attr> keys = new LinkedHashMap<>();
        keys.put(Key.PK, Attr.s(key.pk()));
        keys.put(Key.SK, Attr.s(key.sk()));
        return keys;
    }

    @Override
    public List<ChangeRecord> read(String afterSequenceNumber, int limit) {
        return readWhere(afterSequenceNumber, limit, "", List.of());
    }

    /** The filter runs in SQL, so records a consumer does not want are never decoded. */
    @Override
    public List<ChangeRecord> read(String afterSequenceNumber, int limit, ChangeFilter filter) {
        List<String> args = new ArrayList<>(List.of(filter.eventName().name(), filter.sortKeyPrefix()));
        String where = " AND event_name = ? AND sk >= ?";
        Optional<String> upper = SortKeys.upperBound(filter.sortKeyPrefix());
        if (upper.isPresent()) {
            where += " AND sk < ?";
            args.add(upper.get());
        }
        return readWhere(afterSequenceNumber, limit, where, args);
    }

    private List<ChangeRecord> readWhere(String afterSequenceNumber, int limit, String where, List<String> args) {
        long after = afterSequenceNumber == null ? 0 : Long.parseLong(afterSequenceNumber);
        return read(c -> {
            PreparedStatement ps = c.statement("SELECT seq, event_id, event_name, keys, new_image,"
                    + " old_image, created_at, size_bytes FROM stream WHERE seq > ?" + where
                    + " ORDER BY seq LIMIT ?");
            ps.setLong(1, after);
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 2, args.get(i));
            }
            ps.setInt(args.size() + 2, limit);
            List<ChangeRecord> records = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(new ChangeRecord(
                            rs.getString(2),
                            ChangeRecord.EventName.valueOf(rs.getString(3)),
                            AttrJson.fromJsonString(rs.getString(4)),
                            Optional.ofNullable(rs.getString(5)).map(AttrJson::fromJsonString),
                            Optional.ofNullable(rs.getString(6)).map(AttrJson::fromJsonString),
                            SortKeys.sequenceNumber(rs.getLong(1)),
                            Instant.ofEpochMilli(rs.getLong(7)).truncatedTo(ChronoUnit.SECONDS),
                            rs.getLong(8),
                            ChangeRecord.NEW_AND_OLD_IMAGES));
                }
            }
            return records;
        });
    }

    /**
     * Drops change records that are both older than {@code olderThan} and at or before {@code upToSequence} (the
     * slowest consumer's position), as DynamoDB Streams drops records after 24 hours. Returns how many went.
     */
    public int trimStream(Instant olderThan, String upToSequence) {
        writeLock.lock();
        try {
            PreparedStatement ps = writer.statement("DELETE FROM stream WHERE seq <= ? AND created_at < ?");
            ps.setLong(1, Long.parseLong(upToSequence));
            ps.setLong(2, olderThan.toEpochMilli());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new TableException("trimming the change stream failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<String> position(String consumer) {
        return read(c -> {
            PreparedStatement ps = c.statement("SELECT position FROM stream_consumers WHERE name = ?");
            ps.setString(1, consumer);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    @Override
    public void savePosition(String consumer, String sequenceNumber) {
        writeLock.lock();
        try {
            PreparedStatement ps =
                    writer.statement("INSERT OR REPLACE INTO stream_consumers (name, position) VALUES (?, ?)");
            ps.setString(1, consumer);
            ps.setString(2, sequenceNumber);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new TableException("saving the position of " + consumer + " failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private Item decode(Key key, byte[] stored) {
        try {
            return new Item(BinaryItems.decode(stored));
        } catch (IllegalArgumentException e) {
            throw new CorruptItemException(key, e.getMessage(), e);
        }
    }

    private interface SqlRead<T> {
        T run(Session c) throws SQLException;
    }

    private <T> T read(SqlRead<T> work) {
        Session c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TableException("interrupted while waiting for a connection", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new TableException("embedded store read failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            for (Session c : readers) {
                c.close();
            }
            writer.close();
        } catch (SQLException e) {
            throw new TableException("closing the embedded store failed", e);
        } finally {
            writeLock.unlock();
        }
    }
}
