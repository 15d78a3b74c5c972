package dev.taskledger.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident page cursors: {@code base64url(position) "." base64url(HMAC-SHA256(key, len(binding) ":"
 * binding position))}, where the binding ({@link #binding}) names the endpoint, the tenant, the filters and the sort
 * as a JSON array, so no choice of filter values can make two different bindings read alike (values may hold any
 * separator), and the length prefix keeps the binding and the position apart. A cursor that was forged, edited, or
 * minted for another tenant, endpoint, filter or sort does not verify; base64 that is not in its canonical form
 * (padding, stray bits, other alphabets) is refused before anything is compared.
 */
public final class Cursors {
    private final byte[] key;

    public Cursors(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the cursor key must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    /** The binding of a listing: its endpoint name, then the tenant, filters and sort, each kept apart. */
    public static String binding(String endpoint, Object... parts) {
        com.fasterxml.jackson.databind.node.ArrayNode array = dev.taskledger.events.EventCodec.MAPPER.createArrayNode();
        array.add(endpoint);
        for (Object part : parts) {
            if (part == null) {
                array.addNull();
            } else if (part instanceof java.util.Collection<?> values) {
                com.fasterxml.jackson.databind.node.ArrayNode list = array.addArray();
                values.forEach(v -> list.add(String.valueOf(v)));
            } else {
                array.add(part.toString());
            }
        }
        return array.toString();
    }

    public String sign(String binding, String position) {
        String body = ENCODER.encodeToString(position.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(binding, position));
    }

    /** The position inside a cursor, if the cursor is genuine and bound to {@code binding}. */
    public Optional<String> verify(String binding, String cursor) {
        int dot = cursor.indexOf('.');
        if (dot <= 0 || cursor.length() > 2048) {
            return Optional.empty();
        }
        Optional<byte[]> positionBytes = canonicalBase64(cursor.substring(0, dot));
        Optional<byte[]> given = canonicalBase64(cursor.substring(dot + 1));
        if (positionBytes.isEmpty() || given.isEmpty()) {
            return Optional.empty();
        }
        String position = new String(positionBytes.get(), StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given.get(), mac(binding, position)) ? Optional.of(position) : Optional.empty();
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /**
     * Unpadded base64url that re-encodes to exactly the text given: the JDK's decoder ignores the unused bits of the
     * last character, so without this check several texts would decode to the same bytes.
     */
    public static Optional<byte[]> canonicalBase64(String text) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            return ENCODER.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String binding, String position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((binding.length() + ":" + binding + position).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
