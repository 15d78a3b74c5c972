package dev.taskledger.command.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.taskledger.table.dynamodb.AwsEnvironment;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Objects;

/**
 * The one trusted issuer: its {@code iss}, the audience (ID tokens' {@code aud}) or client id (access tokens'
 * {@code client_id}), and where its keys come from.
 */
public record AuthSettings(String issuer, String audience, JWKSource<SecurityContext> keys) {
    public AuthSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(keys, "keys");
    }

    /**
     * Keys from a remote JWKS URL: cached, refetched when a token names an unknown key id (rate-limited, so a
     * flood of unknown kids cannot hammer the issuer), retried once on a network error.
     */
    public static AuthSettings remote(String issuer, String audience, String jwksUrl) {
        try {
            JWKSource<SecurityContext> source = JWKSourceBuilder.create(
                            URI.create(jwksUrl).toURL())
                    .retrying(true)
                    .cache(5 * 60_000L, 15_000L)
                    .rateLimited(30_000L)
                    .build();
            return new AuthSettings(issuer, audience, source);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TASKLEDGER_JWKS_URL is not a URL: " + jwksUrl, e);
        }
    }

    /** From {@code TASKLEDGER_JWT_ISSUER}, {@code TASKLEDGER_JWT_AUDIENCE}, {@code TASKLEDGER_JWKS_URL}. */
    public static AuthSettings fromEnvironment() {
        AwsEnvironment env = AwsEnvironment.current();
        String issuer = env.required(AwsEnvironment.JWT_ISSUER);
        String jwks = env.optional(AwsEnvironment.JWKS_URL).orElse(issuer + "/.well-known/jwks.json");
        return remote(issuer, env.required(AwsEnvironment.JWT_AUDIENCE), jwks);
    }
}
