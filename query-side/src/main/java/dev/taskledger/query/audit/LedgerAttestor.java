package dev.taskledger.query.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.HashChain;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.LedgerHead;
import dev.taskledger.ledger.StoredEvent;
import java.util.List;

/**
 * The only way to the ledger's signing key: it signs a (tenant, sequence, hash) statement only with the hash it
 * reads itself from the ledger at that sequence (64 zeros at sequence 0), never a hash a caller hands it, and
 * refuses sequences beyond the head. So the key cannot be made to sign a false statement about a ledger, whatever
 * a request asks for (the digest chain and export manifests both go through here).
 *
 * <p>Not promised: that the ledger itself is unbroken; {@code /audit/verify} says that. The stored hash signed here
 * is the one a later verification must reproduce, which is what a digest is for.
 */
public final class LedgerAttestor {
    /** A signed statement: the ledger of {@code tenantId} had {@code hash} at {@code sequence}. */
    public record Attestation(String tenantId, long sequence, String hash, String issuedAt, String jws) {
        /** The digest document: {@code {tenant_id, sequence, hash, issued_at, signature}}. */
        public ObjectNode toJson() {
            ObjectNode json = EventCodec.MAPPER.createObjectNode();
            json.put("tenant_id", tenantId);
            json.put("sequence", sequence);
            json.put("hash", hash);
            json.put("issued_at", issuedAt);
            json.put("signature", jws);
            return json;
        }
    }

    private final Ledger ledger;
    private final DigestSigner signer;

    public LedgerAttestor(Ledger ledger, DigestSigner signer) {
        this.ledger = ledger;
        this.signer = signer;
    }

    /** The ledger's hash at {@code sequence}, read from the stored event; refuses a sequence beyond the head. */
    public String hashAt(String tenant, long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("a sequence is never negative: " + sequence);
        }
        if (sequence == 0) {
            return HashChain.GENESIS;
        }
        LedgerHead head = ledger.head(tenant);
        if (sequence > head.sequence()) {
            throw new IllegalArgumentException(
                    "sequence " + sequence + " is beyond the ledger head " + head.sequence() + " of " + tenant);
        }
        List<StoredEvent> events = ledger.events(tenant, sequence, sequence, 1);
        if (events.isEmpty() || events.getFirst().envelope().sequence() != sequence) {
            throw new IllegalStateException("the ledger of " + tenant + " has no event " + sequence);
        }
        String hash = events.getFirst().json().path("hash").asText();
        if (!HashChain.isHash(hash)) {
            throw new IllegalStateException("event " + sequence + " of " + tenant + " carries no hash");
        }
        return hash;
    }

    /** Signs {@code {tenant_id, sequence, hash, issued_at, previous_digest_hash}} with the hash read here. */
    public Attestation attest(String tenant, long sequence, String issuedAt, String previousDigestHash) {
        if (!HashChain.isHash(previousDigestHash)) {
            throw new IllegalArgumentException("previous_digest_hash must be 64 hex characters");
        }
        String hash = hashAt(tenant, sequence);
        ObjectNode payload = EventCodec.MAPPER.createObjectNode();
        payload.put("tenant_id", tenant);
        payload.put("sequence", sequence);
        payload.put("hash", hash);
        payload.put("issued_at", issuedAt);
        payload.put("previous_digest_hash", previousDigestHash);
        return new Attestation(tenant, sequence, hash, issuedAt, signer.sign(payload.toString()));
    }
}
