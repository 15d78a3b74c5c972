package dev.taskledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventSchemas;
import dev.taskledger.events.HashChain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Verifies an export bundle with no server: every event against the JSON Schemas, the hash chain (RFC 8785 +
 * SHA-256, as the README's recipe says), the manifest's range, count and head hash, and the digest's signature
 * against the given JWKS. For a bundle that does not start at sequence 1, the first event's {@code prev_hash} is
 * taken as given (the events before it are not in the bundle).
 */
public final class BundleVerifier {
    /** The verdict: verified only when {@code problems} is empty. */
    public record Verdict(List<String> problems, long count, String headHash) {
        public boolean verified() {
            return problems.isEmpty();
        }
    }

    private BundleVerifier() {}

    public static Verdict verify(Path bundle, JWKSet keys) {
        List<String> problems = new ArrayList<>();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            ZipEntry manifestEntry = zip.getEntry("manifest.json");
            ZipEntry eventsEntry = zip.getEntry("events.jsonl");
            if (manifestEntry == null || eventsEntry == null) {
                return new Verdict(List.of("the bundle must hold manifest.json and events.jsonl"), 0, null);
            }
            JsonNode manifest = EventCodec.MAPPER.readTree(zip.getInputStream(manifestEntry));
            if (!Exports.FORMAT.equals(manifest.path("format").asText())) {
                problems.add("manifest.json: unknown format " + manifest.path("format"));
            }
            String tenant = manifest.path("tenant_id").asText();
            long from = manifest.path("from_sequence").asLong();
            long to = manifest.path("to_sequence").asLong();
            long count = 0;
            if (from < 1
                    || from > to
                    || !manifest.path("count").canConvertToLong()
                    || manifest.path("count").asLong() != to - from + 1) {
                // a bundle holds at least one event: an empty or reversed range proves nothing and is refused
                problems.add("manifest: range " + manifest.path("from_sequence") + ".." + manifest.path("to_sequence")
                        + " and count " + manifest.path("count") + " disagree");
                return new Verdict(List.copyOf(problems), 0, null);
            }
            String prev = from == 1 ? HashChain.GENESIS : null;
            String last = null;
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(zip.getInputStream(eventsEntry), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null && problems.size() < 20) {
                    count++;
                    long expected = from + count - 1;
                    JsonNode json;
                    try {
                        json = EventCodec.MAPPER.readTree(line);
                    } catch (IOException e) {
                        problems.add("line " + count + ": not JSON");
                        continue;
                    }
                    List<String> schema = EventSchemas.validateEnvelope(json);
                    if (!schema.isEmpty()) {
                        problems.add("line " + count + ": violates the event schema: " + schema.getFirst());
                        continue;
                    }
                    ObjectNode event = (ObjectNode) json.deepCopy();
                    String hash = event.remove("hash").asText();
                    String prevHash = event.get("prev_hash").asText();
                    if (!tenant.equals(event.get("tenant_id").asText())) {
                        problems.add("line " + count + ": event of another tenant");
                    }
                    if (event.get("sequence").asLong() != expected) {
                        problems.add(
                                "line " + count + ": sequence " + event.get("sequence") + ", expected " + expected);
                    }
                    if (prev != null && !prev.equals(prevHash)) {
                        problems.add("sequence " + expected + ": prev_hash does not match the previous event's hash");
                    }
                    if (!HashChain.computeHash(prevHash, event).equals(hash)) {
                        problems.add("sequence " + expected + ": hash does not match the event's content");
                    }
                    prev = hash;
                    last = hash;
                }
            }
            long expectedCount = Math.max(0, to - from + 1);
            if (count != expectedCount || count != manifest.path("count").asLong()) {
                problems.add("manifest says " + manifest.path("count") + " events for " + from + ".." + to
                        + ", the bundle holds " + count);
            }
            if (last != null && !last.equals(manifest.path("head_hash").asText())) {
                problems.add("manifest head_hash does not match the last event's hash");
            }
            problems.addAll(checkDigest(
                    manifest.path("digest"),
                    tenant,
                    to,
                    manifest.path("head_hash").asText(),
                    keys));
            return new Verdict(List.copyOf(problems), count, last);
        } catch (IOException e) {
            return new Verdict(List.of("the bundle cannot be read: " + e.getMessage()), 0, null);
        }
    }

    /**
     * Checks a digest document ({@code tenant_id, sequence, hash, issued_at, signature}): the JWS verifies with the
     * key of its {@code kid}, and its payload signs exactly this tenant, sequence and hash. Returns the problems.
     */
    public static List<String> checkDigest(JsonNode digest, String tenant, long to, String hash, JWKSet keys) {
        List<String> problems = new ArrayList<>();
        try {
            JWSObject jws = JWSObject.parse(digest.path("signature").asText());
            JWK key = keys.getKeyByKeyId(jws.getHeader().getKeyID());
            if (key == null) {
                problems.add("digest: no key " + jws.getHeader().getKeyID() + " in the JWKS");
                return problems;
            }
            JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
            if (!jws.verify(verifier)) {
                problems.add("digest: the signature does not verify");
                return problems;
            }
            JsonNode payload = EventCodec.MAPPER.readTree(jws.getPayload().toString());
            if (!tenant.equals(payload.path("tenant_id").asText())
                    || payload.path("sequence").asLong() != to
                    || !payload.path("hash").asText().equals(hash)
                    || digest.path("sequence").asLong() != to
                    || !digest.path("hash").asText().equals(hash)) {
                problems.add("digest: it does not sign this tenant, sequence and hash");
            }
            if (to < 0 || !HashChain.isHash(hash) || (to == 0) != HashChain.GENESIS.equals(hash)) {
                // the genesis hash stands for sequence 0 only: no event ever hashes to 64 zeros
                problems.add("digest: sequence " + to + " and hash " + hash + " cannot describe a ledger");
            }
        } catch (Exception e) {
            problems.add("digest: unreadable (" + e.getClass().getSimpleName() + ")");
        }
        return problems;
    }
}
