package dev.taskledger.table;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What every adapter refuses before a {@link Table#writeBatch}, as DynamoDB's BatchWriteItem would. */
public final class BatchRules {
    private BatchRules() {}

    public static void check(List<WriteOp> writes) {
        Set<Key> keys = new HashSet<>();
        for (WriteOp op : writes) {
            if (!keys.add(op.key())) {
                throw new IllegalArgumentException("a batch touches item " + op.key() + " twice");
            }
            if (!(op.condition() instanceof Condition.None)) {
                throw new IllegalArgumentException("a batch writes without conditions: " + op.key());
            }
            switch (op) {
                case WriteOp.Put put -> {
                    WellFormedText.check(put.key(), put.item().attributes());
                    ItemSize.check(put.item());
                }
                case WriteOp.Delete delete -> {}
                case WriteOp.Update update ->
                    throw new IllegalArgumentException("a batch holds whole-item puts and deletes only: " + op.key());
                case WriteOp.Check check ->
                    throw new IllegalArgumentException("a batch holds whole-item puts and deletes only: " + op.key());
            }
        }
    }
}
