package dev.taskledger.command.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The one helper the tests use to mint tokens of an issuer they control: keys, signed claims, and raw payloads
 * (for what the claims builder would not write, such as a lone surrogate escape).
 */
public final class TestTokens {
    private TestTokens() {}

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static com.nimbusds.jose.jwk.ECKey ecKey(String kid) {
        try {
            return new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                    .keyID(kid)
                    .generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code claims} signed by {@code signer} under {@code header}. */
    public static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code claims} signed RS256 with {@code key} (its key id in the header). */
    public static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            return sign(
                    new RSASSASigner(key),
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token whose payload is exactly {@code json}, signed RS256 with {@code key}. */
    public static String rs256Raw(RSAKey key, String json) {
        try {
            JWSObject jws = new JWSObject(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    new Payload(json));
            jws.sign(new RSASSASigner(key));
            return jws.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
