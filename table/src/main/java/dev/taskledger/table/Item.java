package dev.taskledger.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An item: its attributes, which always include the string attributes {@code PK} and {@code SK}. */
public record Item(Map<String, Attr> attributes) {
    public Item {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        if (!(attributes.get(Key.PK) instanceof Attr.S) || !(attributes.get(Key.SK) instanceof Attr.S)) {
            throw new IllegalArgumentException("an item needs string attributes PK and SK");
        }
    }

    public static Builder of(Key key) {
        return new Builder(key);
    }

    public Key key() {
        return new Key(string(Key.PK), string(Key.SK));
    }

    public Optional<Attr> get(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** A string attribute; a missing or differently typed one is a {@link CorruptItemException}. */
    public String string(String name) {
        if (attributes.get(name) instanceof Attr.S s) {
            return s.value();
        }
        throw new CorruptItemException(keyText(), "attribute " + name + " is not a string");
    }

    public long number(String name) {
        if (attributes.get(name) instanceof Attr.N n) {
            try {
                return n.asLong();
            } catch (ArithmeticException e) {
                throw new CorruptItemException(keyText(), "attribute " + name + " is not an integer");
            }
        }
        throw new CorruptItemException(keyText(), "attribute " + name + " is not a number");
    }

    private String keyText() {
        return attributes.get(Key.PK) + " / " + attributes.get(Key.SK);
    }

    public static final class Builder {
        private final Map<String, Attr> attributes = new LinkedHashMap<>();

        private Builder(Key key) {
            attributes.put(Key.PK, Attr.s(key.pk()));
            attributes.put(Key.SK, Attr.s(key.sk()));
        }

        public Builder with(String name, Attr value) {
            if (Key.PK.equals(name) || Key.SK.equals(name)) {
                throw new IllegalArgumentException("key attributes are set from the key");
            }
            attributes.put(name, value);
            return this;
        }

        public Builder with(String name, String value) {
            return with(name, Attr.s(value));
        }

        public Builder with(String name, long value) {
            return with(name, Attr.n(value));
        }

        public Item build() {
            return new Item(attributes);
        }
    }
}
