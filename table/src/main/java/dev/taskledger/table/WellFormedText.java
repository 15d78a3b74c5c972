package dev.taskledger.table;

import java.util.Map;

/**
 * Unicode text a store can keep exactly: no unpaired surrogate. A Java string with one cannot be written as UTF-8
 * (encoders put {@code ?} in its place), so what was hashed would differ from what was stored and a verified chain
 * would break for ever. Both adapters refuse such strings before writing anything, and the edges refuse them in
 * tokens and bodies before they get this far.
 */
public final class WellFormedText {
    private WellFormedText() {}

    /** Whether every surrogate in {@code text} is half of a pair. */
    public static boolean isWellFormed(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Refuses an item with a malformed key, attribute name or string value anywhere in it. */
    public static void check(Key key, Map<String, Attr> attributes) {
        if (!isWellFormed(key.pk()) || !isWellFormed(key.sk()) || !wellFormed(attributes)) {
            throw new MalformedTextException(key);
        }
    }

    private static boolean wellFormed(Map<String, Attr> attributes) {
        for (Map.Entry<String, Attr> e : attributes.entrySet()) {
            if (!isWellFormed(e.getKey()) || !wellFormed(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean wellFormed(Attr value) {
        return switch (value) {
            case Attr.S s -> isWellFormed(s.value());
            case Attr.N n -> true;
            case Attr.Bool b -> true;
            case Attr.Null x -> true;
            case Attr.L l -> l.values().stream().allMatch(WellFormedText::wellFormed);
            case Attr.M m -> wellFormed(m.values());
        };
    }

    /** An item holds text that cannot be stored exactly; nothing was written. */
    public static final class MalformedTextException extends IllegalArgumentException {
        public MalformedTextException(Key key) {
            super("item " + key + " holds text with an unpaired surrogate; refused, nothing written");
        }
    }
}
