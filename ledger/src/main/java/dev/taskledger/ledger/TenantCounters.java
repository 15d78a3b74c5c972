package dev.taskledger.ledger;

import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Key;
import dev.taskledger.table.Table;
import dev.taskledger.table.WriteOp;
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

    /**
     * Adds {@code delta} (may be negative) and writes {@code with} in one transaction, unless the result would pass
     * {@code cap} (for a positive delta) or go below zero. Returns whether it was written. A condition of
     * {@code with} that fails is thrown as it is, with nothing written.
     */
    public boolean add(String tenant, String name, long delta, long cap, LongSupplier initial, List<WriteOp> with) {
        Key key = Keys.counter(tenant, name);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Item> current = table.get(key);
            long count = current.map(i -> i.number("count")).orElseGet(initial::getAsLong);
            long next = count + delta;
            if ((delta > 0 && next > cap) || next < 0) {
                return false;
            }
            List<WriteOp> ops = new ArrayList<>(with);
            ops.add(new WriteOp.Put(
                    Item.of(key).with("count", next).build(),
                    current.isPresent() ? Condition.equals("count", Attr.n(count)) : Condition.NOT_EXISTS));
            try {
                table.transactWrite(ops);
                return true;
            } catch (ConditionFailedException e) {
                if (!e.failedOn(key)) {
                    throw e;
                }
                // another writer moved the counter: read it again
            }
        }
        throw new ContendedException(key);
    }
}
