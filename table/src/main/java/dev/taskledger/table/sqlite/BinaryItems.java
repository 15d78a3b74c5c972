package dev.taskledger.table.sqlite;

import dev.taskledger.table.Attr;
import dev.taskledger.table.AttrJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the embedded store keeps an item's attributes: a length-prefixed binary form (format byte 1, then the
 * attributes, each name and string as a varint length and UTF-8 bytes, each value with a type tag). It replaced
 * DynamoDB JSON in the {@code items} column because items carrying JSON text (ledger events, task views, audit
 * entries) paid for escaping every quote on write and unescaping it on read — the largest cost of a rebuild's
 * writer. Rows written as JSON text by earlier versions are still read (they never start with byte 1).
 */
final class BinaryItems {
    private static final byte FORMAT = 1;
    private static final byte S = 1;
    private static final byte N = 2;
    private static final byte TRUE = 3;
    private static final byte FALSE = 4;
    private static final byte NULL = 5;
    private static final byte L = 6;
    private static final byte M = 7;

    private BinaryItems() {}

    static byte[] encode(Map<String, Attr> attributes) {
        Out out = new Out();
        out.bytes[out.size++] = FORMAT;
        writeMap(out, attributes);
        return Arrays.copyOf(out.bytes, out.size);
    }

    /** The attributes of a stored row: the binary form, or the JSON text of earlier versions. */
    static Map<String, Attr> decode(byte[] stored) {
        if (stored.length > 0 && stored[0] == FORMAT) {
            In in = new In(stored, 1);
            Map<String, Attr> attributes = readMap(in);
            if (in.position != stored.length) {
                throw new IllegalArgumentException("trailing bytes after the item");
            }
            return attributes;
        }
        return AttrJson.fromJsonString(new String(stored, StandardCharsets.UTF_8));
    }

    private static void writeMap(Out out, Map<String, Attr> attributes) {
        out.varint(attributes.size());
        for (Map.Entry<String, Attr> e : attributes.entrySet()) {
            out.string(e.getKey());
            write(out, e.getValue());
        }
    }

    private static void write(Out out, Attr value) {
        switch (value) {
            case Attr.S s -> {
                out.tag(S);
                out.string(s.value());
            }
            case Attr.N n -> {
                out.tag(N);
                out.string(n.value());
            }
            case Attr.Bool b -> out.tag(b.value() ? TRUE : FALSE);
            case Attr.Null x -> out.tag(NULL);
            case Attr.L l -> {
                out.tag(L);
                out.varint(l.values().size());
                l.values().forEach(v -> write(out, v));
            }
            case Attr.M m -> {
                out.tag(M);
                writeMap(out, m.values());
            }
        }
    }

    private static Map<String, Attr> readMap(In in) {
        int count = in.count();
        Map<String, Attr> attributes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.string();
            attributes.put(name, read(in));
        }
        return attributes;
    }

    private static Attr read(In in) {
        byte tag = in.tag();
        return switch (tag) {
            case S -> new Attr.S(in.string());
            case N -> new Attr.N(in.string());
            case TRUE -> new Attr.Bool(true);
            case FALSE -> new Attr.Bool(false);
            case NULL -> new Attr.Null();
            case L -> {
                int count = in.count();
                List<Attr> values = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    values.add(read(in));
                }
                yield new Attr.L(values);
            }
            case M -> new Attr.M(readMap(in));
            default -> throw new IllegalArgumentException("unknown attribute tag " + tag);
        };
    }

    /** A growing byte buffer (not synchronized, unlike ByteArrayOutputStream). */
    private static final class Out {
        byte[] bytes = new byte[256];
        int size;

        void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void tag(byte tag) {
            ensure(1);
            bytes[size++] = tag;
        }

        void varint(int value) {
            ensure(5);
            while ((value & ~0x7F) != 0) {
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }
    }

    /** A reader that refuses to run past the end (a truncated or corrupt row is an error, not garbage). */
    private static final class In {
        final byte[] bytes;
        int position;

        In(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        byte tag() {
            need(1);
            return bytes[position++];
        }

        int count() {
            int value = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                byte b = tag();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (value < 0 || value > bytes.length) {
                        throw new IllegalArgumentException("impossible length " + value);
                    }
                    return value;
                }
            }
            throw new IllegalArgumentException("malformed length");
        }

        String string() {
            int length = count();
            need(length);
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        void need(int n) {
            if (position + n > bytes.length) {
                throw new IllegalArgumentException("the item ends early");
            }
        }
    }
}
