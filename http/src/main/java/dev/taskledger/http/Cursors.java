package dev.taskledger.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident page cursors: {@code base64url(position) "." base64url(HMAC-SHA256(key, binding "|"
 * position))}, where the binding names the tenant, the endpoint, the filters and the sort. A cursor that was
 * forged, edited, or minted for another tenant, endpoint, filter or sort does not verify.
 */
public final class Cursors {
    private final byte[] key;

    public Cursors(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the cursor key must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    public String sign(String binding, String position) {
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
        return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(binding + "|" + position));
    }

    /** The position inside a cursor, if the cursor is genuine and bound to {@code binding}. */
    public Optional<String> verify(String binding, String cursor) {
        int dot = cursor.indexOf('.');
        if (dot <= 0 || cursor.length() > 2048) {
            return Optional.empty();
        }
        try {
            String position =
                    new String(Base64.getUrlDecoder().decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] given = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            return MessageDigest.isEqual(given, mac(binding + "|" + position))
                    ? Optional.of(position)
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
