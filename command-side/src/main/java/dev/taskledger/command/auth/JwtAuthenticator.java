package dev.taskledger.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.taskledger.events.Role;
import dev.taskledger.http.Principal;
import dev.taskledger.http.ProblemType;
import dev.taskledger.table.WellFormedText;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies a bearer token and maps its claims (SPEC sections 2 and 11). Rejects: a missing or malformed header,
 * {@code alg: none} and any algorithm but RS256/ES256 (so no HS256-with-the-public-key confusion), unknown key
 * ids, bad signatures (the all-zero ES256 signature of CVE-2022-21449 included), missing {@code exp}, expiry and
 * not-before beyond 60 s of skew, a wrong issuer, a wrong audience or client id, an unknown {@code token_use}.
 * A token without a valid tenant or a known role is forbidden rather than unauthorized.
 */
public final class JwtAuthenticator {
    static final Pattern TENANT = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private final AuthSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwtAuthenticator(AuthSettings settings) {
        this.settings = settings;
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), settings.keys()));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("sub", "exp", "iss"));
        claims.setMaxClockSkew(60);
        processor.setJWTClaimsSetVerifier(claims);
    }

    public AuthResult authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return unauthorized("a bearer token is required");
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        String token = authorizationHeader.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return unauthorized("the bearer token is malformed");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            return unauthorized("the bearer token is malformed");
        } catch (BadJOSEException | JOSEException | RuntimeException e) {
            // RuntimeException: e.g. the JWKS rate limit (RateLimitReachedException has a null message)
            return unauthorized("the bearer token is not valid");
        }
        if (!audienceMatches(claims)) {
            return unauthorized("the bearer token is not meant for this API");
        }
        if (!wellFormed(claims.getClaims())) {
            // an unpaired surrogate cannot be stored as it was hashed: refused before anything is appended
            return unauthorized("the bearer token carries malformed Unicode text");
        }
        return principal(claims);
    }

    private boolean audienceMatches(JWTClaimsSet claims) {
        Object tokenUse = claims.getClaim("token_use");
        if (tokenUse == null || "id".equals(tokenUse)) {
            List<String> audience = claims.getAudience();
            return audience != null && audience.contains(settings.audience());
        }
        if ("access".equals(tokenUse)) {
            return settings.audience().equals(claims.getClaim("client_id"));
        }
        return false;
    }

    private static AuthResult principal(JWTClaimsSet claims) {
        Object tenant = claims.getClaim("custom:tenant_id");
        if (tenant == null) {
            tenant = claims.getClaim("tenant_id");
        }
        if (!(tenant instanceof String t) || !TENANT.matcher(t).matches()) {
            return new AuthResult.Denied(ProblemType.FORBIDDEN, "the token carries no valid tenant");
        }
        Role role = role(claims);
        if (role == null) {
            return new AuthResult.Denied(ProblemType.FORBIDDEN, "the token carries no known role");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > 256) {
            return unauthorized("the token has no subject");
        }
        return new AuthResult.Authenticated(
                new Principal(t, subject, verifiedEmail(claims), role),
                claims.getExpirationTime().toInstant());
    }

    /**
     * The token's e-mail, only when the issuer says it is verified ({@code email_verified} true, as a boolean or,
     * as some issuers send it, the string {@code "true"}). An unverified address is no identity: it grants no
     * ownership of tasks assigned to it and is not recorded as the actor's.
     */
    static String verifiedEmail(JWTClaimsSet claims) {
        Object email = claims.getClaim("email");
        Object verified = claims.getClaim("email_verified");
        boolean isVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        if (!isVerified || !(email instanceof String e) || e.isBlank() || e.length() > 254) {
            return null;
        }
        return e.strip();
    }

    private static boolean wellFormed(Object claim) {
        return switch (claim) {
            case String text -> WellFormedText.isWellFormed(text);
            case java.util.Map<?, ?> map ->
                map.entrySet().stream()
                        .allMatch(e -> wellFormed(String.valueOf(e.getKey())) && wellFormed(e.getValue()));
            case java.util.Collection<?> list -> list.stream().allMatch(JwtAuthenticator::wellFormed);
            case null -> true;
            default -> true;
        };
    }

    /** The most privileged known group wins; {@code custom:role} only when the groups hold no known role. */
    static Role role(JWTClaimsSet claims) {
        Object groups = claims.getClaim("cognito:groups");
        if (groups instanceof List<?> list) {
            for (Role candidate : Role.values()) { // declared most privileged first
                if (list.contains(candidate.name())) {
                    return candidate;
                }
            }
        }
        Object custom = claims.getClaim("custom:role");
        for (Role candidate : Role.values()) {
            if (candidate.name().equals(custom)) {
                return candidate;
            }
        }
        return null;
    }

    private static AuthResult unauthorized(String detail) {
        return new AuthResult.Denied(ProblemType.UNAUTHORIZED, detail);
    }

    /** The verdict as the authorizer context carries it to the functions (see {@link Principal#from}). */
    static java.util.Map<String, String> context(AuthResult result) {
        return switch (result) {
            case AuthResult.Authenticated a -> {
                java.util.Map<String, String> context =
                        new java.util.HashMap<>(a.principal().toContext());
                context.put(Principal.EXPIRES_AT, Long.toString(a.expiresAt().getEpochSecond()));
                yield context;
            }
            case AuthResult.Denied d -> Principal.deniedContext(d.type(), d.detail());
        };
    }
}
