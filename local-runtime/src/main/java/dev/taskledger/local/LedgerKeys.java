package dev.taskledger.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.taskledger.query.audit.LocalDigestSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The ledger's own digest-signing key (ES256), kept in the data directory: not the dev-token key. */
final class LedgerKeys {
    private LedgerKeys() {}

    static LocalDigestSigner loadOrCreate(Path dataDir) {
        byte[] json = KeyFiles.loadOrCreate(dataDir, "ledger-digest.jwk.json", () -> {
            try {
                return new ECKeyGenerator(Curve.P_256)
                        .keyID("ledger-" + UUID.randomUUID().toString().substring(0, 8))
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256)
                        .generate()
                        .toJSONString()
                        .getBytes(StandardCharsets.UTF_8);
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot create the ledger key", e);
            }
        });
        try {
            return new LocalDigestSigner(ECKey.parse(new String(json, StandardCharsets.UTF_8)), retired(dataDir));
        } catch (ParseException e) {
            throw new IllegalStateException("the ledger key in " + dataDir + "/keys is unreadable", e);
        }
    }

    /** Public halves of earlier ledger keys: still published, so digests they signed keep verifying. */
    static List<JWK> retired(Path dataDir) {
        Path dir = dataDir.resolve("keys").resolve("retired");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            List<JWK> keys = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                keys.add(JWK.parse(Files.readString(file)).toPublicJWK());
            }
            return keys;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("retired ledger keys in " + dir + " are unreadable", e);
        }
    }

    /**
     * Rotation: the current key's public half moves to {@code keys/retired/}, and the next start creates a new key.
     * Returns the retired key id.
     */
    static String rotate(Path dataDir) {
        Path current = dataDir.resolve("keys").resolve("ledger-digest.jwk.json");
        try {
            ECKey key = ECKey.parse(Files.readString(current));
            Path retired = dataDir.resolve("keys").resolve("retired");
            Files.createDirectories(retired);
            Files.writeString(
                    retired.resolve(key.getKeyID() + ".jwk.json"),
                    key.toPublicJWK().toJSONString());
            Files.delete(current);
            return key.getKeyID();
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot rotate the ledger key in " + current, e);
        }
    }
}
