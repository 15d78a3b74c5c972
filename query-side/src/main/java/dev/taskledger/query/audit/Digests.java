package dev.taskledger.query.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.HashChain;
import dev.taskledger.events.Times;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.LedgerHead;
import dev.taskledger.table.Condition;
import dev.taskledger.table.ConditionFailedException;
import dev.taskledger.table.Item;
import dev.taskledger.table.Page;
import dev.taskledger.table.Query;
import dev.taskledger.table.SortKeyRange;
import dev.taskledger.table.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The chain of signed digests of a tenant's ledger head, as CloudTrail chains its digest files: each digest signs
 * {@code {tenant_id, sequence, hash, issued_at, previous_digest_hash}}, where {@code previous_digest_hash} is the hex
 * SHA-256 of the previous digest's compact JWS (64 zeros for the first). A new digest is issued only when the head
 * has moved since the last one; digests are stored and never rewritten.
 */
public final class Digests {
    /** One stored digest: the n-th of the tenant. */
    public record Digest(long number, String tenantId, long sequence, String hash, String issuedAt, String jws) {
        public ObjectNode toJson() {
            return new LedgerAttestor.Attestation(tenantId, sequence, hash, issuedAt, jws).toJson();
        }
    }

    private final Ledger ledger;
    private final Table table;
    private final LedgerAttestor attestor;
    private final Clock clock;

    public Digests(Ledger ledger, DigestSigner signer, Clock clock) {
        this.ledger = ledger;
        this.table = ledger.table();
        this.attestor = new LedgerAttestor(ledger, signer);
        this.clock = clock;
    }

    /** The digest of the current head: the last one if the head has not moved, else a new one. */
    public Digest current(String tenant) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Digest> last = last(tenant);
            LedgerHead head = ledger.head(tenant);
            if (last.isPresent() && last.get().sequence() == head.sequence()) {
                return last.get();
            }
            long number = last.map(Digest::number).orElse(0L) + 1;
            LedgerAttestor.Attestation signed = attestor.attest(
                    tenant,
                    head.sequence(),
                    Times.format(clock.instant()),
                    last.map(d -> sha256(d.jws())).orElse(HashChain.GENESIS));
            if (!signed.hash().equals(head.hash())) {
                throw new IllegalStateException("the ledger head of " + tenant + " disagrees with its last event");
            }
            String issuedAt = signed.issuedAt();
            String jws = signed.jws();
            Digest digest = new Digest(number, tenant, head.sequence(), signed.hash(), issuedAt, jws);
            try {
                table.put(
                        Item.of(Keys.digest(tenant, number))
                                .with("sequence", head.sequence())
                                .with("hash", signed.hash())
                                .with("issued_at", issuedAt)
                                .with("jws", jws)
                                .build(),
                        Condition.NOT_EXISTS);
                return digest;
            } catch (ConditionFailedException raced) {
                // another request issued digest n first: read again
            }
        }
        throw new IllegalStateException("could not issue a digest for " + tenant);
    }

    public Optional<Digest> last(String tenant) {
        Page page = table.query(new Query(
                Keys.tenantPartition(tenant), new SortKeyRange.Prefix(Keys.DIGEST_PREFIX), false, 1, Optional.empty()));
        return page.items().stream().findFirst().map(item -> decode(tenant, item));
    }

    /** Digests after the {@code afterNumber}-th, oldest first. */
    public List<Digest> list(String tenant, long afterNumber, int limit) {
        Page page = table.query(new Query(
                Keys.tenantPartition(tenant),
                new SortKeyRange.Between(
                        Keys.digest(tenant, afterNumber + 1).sk(),
                        Keys.digest(tenant, 9_999_999_999L).sk()),
                true,
                limit,
                Optional.empty()));
        return page.items().stream().map(item -> decode(tenant, item)).toList();
    }

    private static Digest decode(String tenant, Item item) {
        long number = Long.parseLong(item.key().sk().substring(Keys.DIGEST_PREFIX.length()));
        return new Digest(
                number,
                tenant,
                item.number("sequence"),
                item.string("hash"),
                item.string("issued_at"),
                item.string("jws"));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
