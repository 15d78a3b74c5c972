package dev.taskledger.query.audit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.util.List;

/** Signs digests with an ES256 key held by this process (the local runtime keeps it in the data directory). */
public final class LocalDigestSigner implements DigestSigner {
    private final ECKey key;
    private final List<JWK> publicKeys;

    /** {@code retired}: earlier public keys, still published for verification. */
    public LocalDigestSigner(ECKey key, List<JWK> retired) {
        if (!key.isPrivate() || key.getKeyID() == null) {
            throw new IllegalArgumentException("the digest key must be a private EC key with a key id");
        }
        this.key = key;
        this.publicKeys = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(key.toPublicJWK()), retired.stream())
                .toList();
    }

    @Override
    public String sign(String payloadJson) {
        try {
            JWSObject jws = new JWSObject(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .type(new JOSEObjectType("taskledger-digest+jws"))
                            .build(),
                    new Payload(payloadJson));
            jws.sign(new ECDSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a digest", e);
        }
    }

    @Override
    public List<JWK> publicKeys() {
        return publicKeys;
    }
}
