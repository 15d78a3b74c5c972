package dev.taskledger.ledger;

import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Per-tenant caps that hold under concurrency: a counter item changes in the same transaction as the writes it
 * counts, conditional on the value it was read at, so of N concurrent requests for the last unit exactly one wins
 * and the others read again (a check-then-put would let all N through). A counter that does not exist yet starts
 * from {@code initial} (a count of what exists, for data written before the counter), created conditionally so two
 * first writers cannot both start it.
 *
 * <p>Not promised: fairness between contenders; a caller that loses {@link #MAX_ATTEMPTS} races in a row gets a
 * {@link ContendedException} (a 503 at the edge), never a miscount.
 */
public final class TenantCounters {
    static final int MAX_ATTEMPTS = 50;
    private final Table table;

    public TenantCounters(Table table) {
        this.table = table;
    }

    /** Too many concurrent writers on one counter. */
    public static final class ContendedException extends RuntimeException {
        ContendedException(Key key) {
            super("counter " + key + " stayed contended");
        }
    }

    /** The counter's value; {@code initial} when it was never written. */
    public long value(String tenant, String name, LongSupplier initial) {
        return table.get(Keys.counter(tenant, name)).map(i -> i.number("count")).orElseGet(initial::getAsLong);
    }

    /** One counter's change: by {@code delta}, refused past {@code cap} (when growing) or below zero. */
    public record Change(String name, long delta, long cap, LongSupplier initial, Optional<Instant> expiresAt) {
        public Change(String name, long delta, long cap, LongSupplier initial) {
            this(name, delta, cap, initial, Optional.empty());
        }
    }

    /**
     * Adds {@code delta} (may be negative) and writes {@code with} in one transaction, unless the result would pass
     * {@code cap} (for a positive delta) or go below zero. Returns whether it was written. A condition of
     * {@code with} that fails is thrown as it is, with nothing written.
     */
    public boolean add(String tenant, String name, long delta, long cap, LongSupplier initial, List<WriteOp> with) {
        return add(tenant, List.of(new Change(name, delta, cap, initial)), with);
    }

    /** Several counters at once (all or none), with {@code with}: see {@link #add(String, String, long, long, LongSupplier, List)}. */
    public boolean add(String tenant, List<Change> changes, List<WriteOp> with) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<WriteOp> ops = new ArrayList<>(with);
            List<Key> keys = new ArrayList<>();
            for (Change change : changes) {
                Key key = Keys.counter(tenant, change.name());
                keys.add(key);
                Optional<Item> current = table.get(key);
                long count = current.map(i -> i.number("count")).orElseGet(change.initial()::getAsLong);
                long next = count + change.delta();
                if ((change.delta() > 0 && next > change.cap()) || next < 0) {
                    return false;
                }
                Item.Builder counter = Item.of(key).with("count", next);
                change.expiresAt().ifPresent(at -> counter.with(Keys.TTL_ATTRIBUTE, at.getEpochSecond()));
                ops.add(new WriteOp.Put(
                        counter.build(),
                        current.isPresent() ? Condition.equals("count", Attr.n(count)) : Condition.NOT_EXISTS));
            }
            try {
                table.transactWrite(ops);
                return true;
            } catch (ConditionFailedException e) {
                if (keys.stream().noneMatch(e::failedOn)) {
                    throw e;
                }
                // another writer moved a counter: read them again
            }
        }
        throw new ContendedException(Keys.counter(tenant, changes.getFirst().name()));
    }
}
