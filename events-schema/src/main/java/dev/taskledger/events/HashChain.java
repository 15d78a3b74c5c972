package dev.taskledger.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ledger's hash chain (SPEC section 4):
 *
 * <pre>hash = hex( SHA-256( bytes(prev_hash) || JCS(envelope without "hash") ) )</pre>
 *
 * where {@code bytes(prev_hash)} are the 32 bytes the 64 lower-case hex digits of {@code prev_hash} encode, and
 * the {@code prev_hash} of sequence 1 is 64 zeros. Anyone with the events and any RFC 8785 implementation can
 * recompute it.
 */
public final class HashChain {
    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {}

    /** The hash the envelope must carry given its other members ({@code hash} itself is ignored). */
    public static String computeHash(EventEnvelope envelope) {
        ObjectNode json = EventCodec.toJson(envelope);
        json.remove("hash");
        return computeHash(envelope.prevHash(), json);
    }

    /** The hash of an envelope already in JSON form, without its {@code hash} member. */
    public static String computeHash(String prevHash, ObjectNode envelopeWithoutHash) {
        if (!isHash(prevHash)) {
            throw new IllegalArgumentException("prev_hash must be 64 lower-case hex digits");
        }
        MessageDigest sha = sha256();
        sha.update(HEX.parseHex(prevHash));
        sha.update(CanonicalJson.canonicalize(envelopeWithoutHash));
        return HEX.formatHex(sha.digest());
    }

    /** Returns the envelope with its {@code hash} computed from its other members. */
    public static EventEnvelope seal(EventEnvelope draft) {
        String hash = computeHash(draft);
        return new EventEnvelope(
                draft.eventId(),
                draft.tenantId(),
                draft.taskId(),
                draft.taskVersion(),
                draft.sequence(),
                draft.occurredAt(),
                draft.actor(),
                draft.correlationId(),
                draft.data(),
                draft.prevHash(),
                hash);
    }

    /** 64 lower-case hex digits. A plain loop: the regex was 14% of a full-ledger verification's profile. */
    public static boolean isHash(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
