package dev.taskledger.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One operation of a transactional write; at most one operation per item in a transaction. */
public sealed interface WriteOp {
    Key key();

    Condition condition();

    /** Replaces the whole item. */
    record Put(Item item, Condition condition) implements WriteOp {
        public Key key() {
            return item.key();
        }
    }

    /** Sets the given attributes, creating the item if it does not exist (like DynamoDB's UpdateItem SET). */
    record Update(Key key, Map<String, Attr> set, Condition condition) implements WriteOp {
        public Update {
            if (set.containsKey(Key.PK) || set.containsKey(Key.SK) || set.isEmpty()) {
                throw new IllegalArgumentException("an update sets at least one non-key attribute");
            }
            set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        }
    }

    record Delete(Key key, Condition condition) implements WriteOp {}

    /** Writes nothing; fails the transaction unless the condition holds. */
    record Check(Key key, Condition condition) implements WriteOp {}
}
