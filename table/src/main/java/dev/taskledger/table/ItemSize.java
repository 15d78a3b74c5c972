package dev.taskledger.table;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * DynamoDB's item size: attribute names and string values count their UTF-8 bytes, numbers about one byte per
 * two significant digits plus one, booleans and nulls one byte, lists and maps three bytes plus one per element.
 */
public final class ItemSize {
    public static final long MAX_BYTES = 400 * 1024;

    private ItemSize() {}

    public static long of(Item item) {
        return ofAttributes(item.attributes());
    }

    /**
     * Refuses an item over the limit. Most items are far below it: a bound of three bytes per UTF-16 unit (and per
     * digit) settles those without counting, so only large items pay for the exact size.
     */
    public static void check(Item item) {
        if (bound(item.attributes()) <= MAX_BYTES) {
            return;
        }
        long size = of(item);
        if (size > MAX_BYTES) {
            throw new ItemTooLargeException(item.key(), size);
        }
    }

    /** At least {@link #ofAttributes}: a UTF-16 unit is at most three UTF-8 bytes, a digit at most one byte. */
    static long bound(Map<String, Attr> attributes) {
        long bound = 0;
        for (Map.Entry<String, Attr> e : attributes.entrySet()) {
            bound += 3L * e.getKey().length() + bound(e.getValue());
        }
        return bound;
    }

    private static long bound(Attr value) {
        return switch (value) {
            case Attr.S s -> 3L * s.value().length();
            case Attr.N n -> n.value().length() + 1;
            case Attr.Bool b -> 1;
            case Attr.Null x -> 1;
            case Attr.L l ->
                3 + l.values().stream().mapToLong(v -> bound(v) + 1).sum();
            case Attr.M m -> 3 + bound(m.values()) + m.values().size();
        };
    }

    static long ofAttributes(Map<String, Attr> attributes) {
        long size = 0;
        for (Map.Entry<String, Attr> e : attributes.entrySet()) {
            size += utf8(e.getKey()) + of(e.getValue());
        }
        return size;
    }

    static long of(Attr value) {
        return switch (value) {
            case Attr.S s -> utf8(s.value());
            case Attr.N n -> {
                String digits = new BigDecimal(n.value()).unscaledValue().abs().toString();
                yield (digits.length() + 1) / 2 + 1;
            }
            case Attr.Bool b -> 1;
            case Attr.Null x -> 1;
            case Attr.L l -> 3 + l.values().stream().mapToLong(v -> of(v) + 1).sum();
            case Attr.M m ->
                3
                        + m.values().entrySet().stream()
                                .mapToLong(e -> utf8(e.getKey()) + of(e.getValue()) + 1)
                                .sum();
        };
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
