package dev.taskledger.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.taskledger.events.Role;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The built-in issuer of local mode: an RSA key created on first start and kept in the data directory, tokens
 * shaped like Cognito ID tokens, and its public key published in the JWKS. Never used in AWS.
 */
public final class DevIssuer {
    public static final String ISSUER = "https://taskledger.local/dev-issuer";
    public static final String AUDIENCE = "taskledger-local";
    private final RSAKey key;
    private final Clock clock;

    private DevIssuer(RSAKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    public static DevIssuer loadOrCreate(Path dataDir, Clock clock) {
        byte[] json = KeyFiles.loadOrCreate(dataDir, "dev-issuer.jwk.json", () -> {
            try {
                return new RSAKeyGenerator(2048)
                        .keyID("dev-" + UUID.randomUUID().toString().substring(0, 8))
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256)
                        .generate()
                        .toJSONString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot create the dev issuer key", e);
            }
        });
        try {
            return new DevIssuer(RSAKey.parse(new String(json, java.nio.charset.StandardCharsets.UTF_8)), clock);
        } catch (ParseException e) {
            throw new IllegalStateException("the dev issuer key in " + dataDir + "/keys is unreadable", e);
        }
    }

    public String mint(String tenantId, String userId, String email, Role role, long ttlSeconds) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId)
                .audience(AUDIENCE)
                .claim("token_use", "id")
                .claim("custom:tenant_id", tenantId)
                .claim("cognito:groups", List.of(role.name()))
                .claim("email", email)
                // dev mode trusts whoever can reach it: the address given is taken as verified
                .claim("email_verified", email != null)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public JWKSource<SecurityContext> keySource() {
        return new ImmutableJWKSet<>(publicKeys());
    }
}
