package dev.taskledger.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.taskledger.query.audit.LocalDigestSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
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
            return new LocalDigestSigner(ECKey.parse(new String(json, StandardCharsets.UTF_8)), List.of());
        } catch (ParseException e) {
            throw new IllegalStateException("the ledger key in " + dataDir + "/keys is unreadable", e);
        }
    }
}
