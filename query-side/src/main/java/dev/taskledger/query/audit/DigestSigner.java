package dev.taskledger.query.audit;

import com.nimbusds.jose.jwk.JWK;
import java.util.List;

/**
 * The ledger's signing key, behind a port: locally a key kept in the data directory, in AWS an asymmetric KMS key.
 * Not the dev-token key. Retired keys stay in {@link #publicKeys()} so that old digests keep verifying.
 */
public interface DigestSigner {
    /** A compact JWS of {@code payload} (a JSON object), with the key id in its header. */
    String sign(String payloadJson);

    List<JWK> publicKeys();
}
