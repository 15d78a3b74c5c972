package dev.taskledger.table;

import java.util.List;
import java.util.Optional;

/**
 * The table port. Every read is strongly consistent. Every write is a transaction of up to
 * {@link #MAX_TRANSACTION_ITEMS} operations on distinct items, applied all or nothing.
 *
 * <p>Not promised: ordering across partitions, or any isolation for reads that span several calls.
 */
public interface Table extends AutoCloseable {
    int MAX_TRANSACTION_ITEMS = 100;
    /** A query page ends after about this many bytes of items, whatever its limit (DynamoDB's 1 MB). */
    long MAX_PAGE_BYTES = 1024 * 1024;

    Optional<Item> get(Key key);

    /**
     * One page: at most the query's limit of items and about {@link #MAX_PAGE_BYTES}; a short page is not the end,
     * only a page without a last evaluated key is.
     */
    Page query(Query query);

    /**
     * Applies all operations or none.
     *
     * @throws ConditionFailedException when a condition does not hold; says which
     * @throws TransactionConflictException when a concurrent transaction touched the same items (retryable)
     * @throws ItemTooLargeException before anything is sent, when an item exceeds 400 KB
     * @throws TableException for any other storage failure
     */
    void transactWrite(List<WriteOp> operations);

    /**
     * Like {@link #transactWrite}, for writes that can be recomputed from the ledger (projections): an adapter may
     * acknowledge them before they are durable against power loss. Never for ledger writes.
     */
    default void transactWriteRecomputable(List<WriteOp> operations) {
        transactWrite(operations);
    }

    /**
     * Writes whole items and deletes them, without conditions and NOT atomically as a whole: for rebuilding what can
     * be recomputed from the ledger, where a partly applied batch is harmless (repeating the replay converges) and
     * throughput is what matters. Any number of operations on distinct items; only unconditioned puts and deletes.
     * DynamoDB: {@code BatchWriteItem}, 25 per call, unprocessed items resent; embedded: large transactions.
     *
     * @throws IllegalArgumentException before writing anything, for a condition, an update or a repeated key
     * @throws ItemTooLargeException before writing anything, when an item exceeds 400 KB
     */
    default void writeBatch(List<WriteOp> writes) {
        BatchRules.check(writes);
        for (int from = 0; from < writes.size(); from += MAX_TRANSACTION_ITEMS) {
            transactWriteRecomputable(writes.subList(from, Math.min(writes.size(), from + MAX_TRANSACTION_ITEMS)));
        }
    }

    default void put(Item item, Condition condition) {
        transactWrite(List.of(new WriteOp.Put(item, condition)));
    }

    @Override
    void close();
}
