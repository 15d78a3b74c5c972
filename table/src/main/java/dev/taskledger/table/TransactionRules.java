package dev.taskledger.table;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every adapter refuses before writing, exactly as DynamoDB's TransactWriteItems would. */
public final class TransactionRules {
    private TransactionRules() {}

    public static void check(List<WriteOp> operations) {
        if (operations.isEmpty() || operations.size() > Table.MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException("a transaction holds 1.." + Table.MAX_TRANSACTION_ITEMS + " operations");
        }
        Set<Key> keys = new HashSet<>();
        for (WriteOp op : operations) {
            if (!keys.add(op.key())) {
                throw new IllegalArgumentException("a transaction touches item " + op.key() + " twice");
            }
            switch (op) {
                case WriteOp.Put put -> {
                    WellFormedText.check(put.key(), put.item().attributes());
                    ItemSize.check(put.item());
                }
                case WriteOp.Update update -> {
                    Map<String, Attr> attributes = new LinkedHashMap<>();
                    attributes.put(Key.PK, Attr.s(update.key().pk()));
                    attributes.put(Key.SK, Attr.s(update.key().sk()));
                    attributes.putAll(update.set());
                    WellFormedText.check(update.key(), attributes);
                    ItemSize.check(new Item(attributes));
                }
                case WriteOp.Delete delete -> WellFormedText.check(delete.key(), Map.of());
                case WriteOp.Check check -> WellFormedText.check(check.key(), Map.of());
            }
        }
    }
}
