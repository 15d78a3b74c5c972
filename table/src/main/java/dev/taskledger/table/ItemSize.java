package dev.taskledger.table;

import java.math.BigDecimal;
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

    public static void check(Item item) {
        long size = of(item);
        if (size > MAX_BYTES) {
            throw new ItemTooLargeException(item.key(), size);
        }
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

    /** The UTF-8 length, counted without encoding (this runs for every item written). */
    private static long utf8(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // a lone surrogate is encoded as "?" by getBytes; counting 3 only errs on the safe side
            }
        }
        return bytes;
    }
}
