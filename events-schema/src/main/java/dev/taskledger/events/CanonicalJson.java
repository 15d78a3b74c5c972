package dev.taskledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 JSON Canonicalization Scheme, delegated to the implementation by one of the RFC's authors
 * ({@code io.github.erdtman:java-json-canonicalization}); {@code CanonicalJsonTest} proves it on the RFC's
 * published examples, number serialisation included.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {}

    /**
     * Canonicalizes a JSON tree directly (no text round trip): members sorted by UTF-16 code units, no whitespace,
     * strings escaped as ECMAScript's {@code JSON.stringify} does (lone surrogates included), numbers formatted by
     * the library's ECMAScript number serializer. {@code CanonicalJsonTest} proves it equal to the library's
     * text-based canonicalization on the RFC's examples and on random trees.
     */
    public static byte[] canonicalize(JsonNode node) {
        StringBuilder out = BUFFER.get();
        out.setLength(0);
        write(node, out);
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        if (out.capacity() > 1 << 20) {
            BUFFER.remove(); // do not keep a huge buffer per thread
        }
        return bytes;
    }

    /** One reusable buffer per thread: growing a fresh builder was 10% of a verification's profile. */
    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(4096));

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                names.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 requires
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not JSON: " + node.getNodeType());
        }
    }

    private static String number(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong() && Math.abs(node.longValue()) <= (1L << 53)) {
            return Long.toString(node.longValue());
        }
        try {
            double value = node.doubleValue();
            return org.erdtman.jcs.NumberToJSON.serializeNumber(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("number not representable in I-JSON: " + node, e);
        }
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean lone = Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c)
                                    && i + 1 < value.length()
                                    && Character.isLowSurrogate(value.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c)
                                    && i > 0
                                    && Character.isHighSurrogate(value.charAt(i - 1)));
                    if (c < 0x20 || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Canonicalizes JSON text; throws {@link IllegalArgumentException} for text that is not I-JSON. */
    public static byte[] canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot canonicalize: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot canonicalize JSON", e);
        }
    }

    public static String canonicalString(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
