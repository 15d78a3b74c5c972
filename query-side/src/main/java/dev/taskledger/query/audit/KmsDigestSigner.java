package dev.taskledger.query.audit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Signs digests with an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY): the private key never leaves KMS. The
 * JWS {@code kid} is the KMS key id; retired key ids stay published so that old digests keep verifying.
 */
public final class KmsDigestSigner implements DigestSigner {
    private final KmsClient kms;
    private final String keyId;
    private final List<JWK> publicKeys;

    public KmsDigestSigner(KmsClient kms, String keyId, List<String> retiredKeyIds) {
        this.kms = kms;
        this.keyId = keyId;
        List<JWK> keys = new ArrayList<>();
        keys.add(publicKey(keyId));
        retiredKeyIds.forEach(id -> keys.add(publicKey(id)));
        this.publicKeys = List.copyOf(keys);
    }

    @Override
    public String sign(String payloadJson) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(keyId)
                .type(new JOSEObjectType("taskledger-digest+jws"))
                .build();
        String signingInput =
                header.toBase64URL() + "." + Base64URL.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
        byte[] der = kms.sign(r -> r.keyId(keyId)
                        .message(SdkBytes.fromString(signingInput, StandardCharsets.US_ASCII))
                        .messageType(MessageType.RAW)
                        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
                .signature()
                .asByteArray();
        try {
            return signingInput + "." + Base64URL.encode(ECDSA.transcodeSignatureToConcat(der, 64));
        } catch (JOSEException e) {
            throw new IllegalStateException("KMS returned a signature that is not DER ECDSA", e);
        }
    }

    @Override
    public List<JWK> publicKeys() {
        return publicKeys;
    }

    private JWK publicKey(String id) {
        byte[] der = kms.getPublicKey(r -> r.keyId(id)).publicKey().asByteArray();
        try {
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            return new ECKey.Builder(Curve.P_256, key)
                    .keyID(id)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("KMS key " + id + " is not an EC P-256 key", e);
        }
    }
}
