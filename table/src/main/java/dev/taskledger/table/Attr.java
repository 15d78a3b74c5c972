package dev.taskledger.table;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An attribute value, shaped like DynamoDB's: string, number, boolean, null, list or map. */
public sealed interface Attr {
    static Attr s(String value) {
        return new S(value);
    }

    static Attr n(long value) {
        return new N(Long.toString(value));
    }

    record S(String value) implements Attr {
        public S {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A number kept as its decimal text, as DynamoDB does. */
    record N(String value) implements Attr {
        public N {
            new BigDecimal(Objects.requireNonNull(value, "value"));
        }

        public long asLong() {
            return new BigDecimal(value).longValueExact();
        }
    }

    record Bool(boolean value) implements Attr {}

    record Null() implements Attr {}

    record L(List<Attr> values) implements Attr {
        public L {
            values = List.copyOf(values);
        }
    }

    record M(Map<String, Attr> values) implements Attr {
        public M {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }
}
