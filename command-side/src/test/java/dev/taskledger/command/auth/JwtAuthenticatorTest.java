package dev.taskledger.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.taskledger.events.Role;
import dev.taskledger.http.Principal;
import dev.taskledger.http.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per rejection of SPEC section 2, and the claim mapping of section 11. */
class JwtAuthenticatorTest {
    static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_test";
    static final String CLIENT = "client-123";
    static final RSAKey RSA = TestTokens.rsaKey("rsa-1");
    static final RSAKey OTHER_RSA_SAME_KID = TestTokens.rsaKey("rsa-1");
    static final ECKey EC = TestTokens.ecKey("ec-1");
    static final JwtAuthenticator AUTH = new JwtAuthenticator(new AuthSettings(
            ISSUER, CLIENT, new ImmutableJWKSet<>(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())))));

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-1")
                .audience(CLIENT)
                .claim("token_use", "id")
                .claim("custom:tenant_id", "karachi-tech")
                .claim("cognito:groups", List.of("MEMBER"))
                .claim("email", "hassan.malik@company.pk")
                .claim("email_verified", true)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    static String rsa(UnaryOperator<JWTClaimsSet.Builder> edit) {
        try {
            return TestTokens.sign(
                    new RSASSASigner(RSA),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                    edit.apply(claims()).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static AuthResult auth(String token) {
        return AUTH.authenticate("Bearer " + token);
    }

    static Principal principalOf(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
        return ((AuthResult.Authenticated) result).principal();
    }

    static void assertUnauthorized(AuthResult result) {
        assertThat(result).isInstanceOfSatisfying(AuthResult.Denied.class, d -> assertThat(d.type())
                .isEqualTo(ProblemType.UNAUTHORIZED));
    }

    static void assertForbidden(AuthResult result) {
        assertThat(result).isInstanceOfSatisfying(AuthResult.Denied.class, d -> assertThat(d.type())
                .isEqualTo(ProblemType.FORBIDDEN));
    }

    @Nested
    class Email_and_text_claims {
        @Test
        void an_email_counts_only_when_the_issuer_says_it_is_verified() {
            assertThat(principalOf(auth(rsa(c -> c.claim("email_verified", null)))))
                    .isEqualTo(new Principal("karachi-tech", "user-1", null, Role.MEMBER));
            assertThat(principalOf(auth(rsa(c -> c.claim("email_verified", false)))))
                    .isEqualTo(new Principal("karachi-tech", "user-1", null, Role.MEMBER));
            assertThat(principalOf(auth(rsa(c -> c.claim("email_verified", "true")))))
                    .isEqualTo(new Principal("karachi-tech", "user-1", "hassan.malik@company.pk", Role.MEMBER));
        }

        @Test
        void the_verdict_carries_the_tokens_expiry_and_a_function_refuses_it_once_passed() {
            Instant exp = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            AuthResult result = auth(rsa(c -> c.expirationTime(Date.from(exp))));
            assertThat(((AuthResult.Authenticated) result).expiresAt()).isEqualTo(exp);
            assertThat(JwtAuthenticator.context(result)).containsEntry(Principal.EXPIRES_AT, "" + exp.getEpochSecond());
            assertThat(Principal.expired("" + exp.getEpochSecond(), exp.plusSeconds(60)))
                    .isFalse();
            assertThat(Principal.expired("" + exp.getEpochSecond(), exp.plusSeconds(61)))
                    .isTrue();
            assertThat(Principal.expired("garbage", exp)).isTrue();
        }

        @Test
        void a_lone_surrogate_in_any_claim_is_401() {
            long exp = Instant.now().plusSeconds(3600).getEpochSecond();
            String base = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + CLIENT + "\",\"token_use\":\"id\","
                    + "\"custom:tenant_id\":\"karachi-tech\",\"cognito:groups\":[\"MEMBER\"],\"exp\":" + exp
                    + ",\"email_verified\":true,";
            assertThat(auth(TestTokens.rs256Raw(RSA, base + "\"sub\":\"eve\",\"email\":\"eve@e.com\"}")))
                    .isInstanceOf(AuthResult.Authenticated.class);
            assertUnauthorized(
                    auth(TestTokens.rs256Raw(RSA, base + "\"sub\":\"eve\\ud800\",\"email\":\"eve@e.com\"}")));
            assertUnauthorized(
                    auth(TestTokens.rs256Raw(RSA, base + "\"sub\":\"eve\",\"email\":\"eve\\udc00@e.com\"}")));
            assertUnauthorized(auth(TestTokens.rs256Raw(RSA, base + "\"sub\":\"eve\",\"name\":[\"\\ud800x\"]}")));
            // a well-formed pair outside the BMP is text like any other
            assertThat(auth(TestTokens.rs256Raw(RSA, base + "\"sub\":\"eve\\ud83d\\ude00\",\"email\":\"eve@e.com\"}")))
                    .isInstanceOf(AuthResult.Authenticated.class);
        }
    }

    @Nested
    class Accepts {
        @Test
        void an_rs256_id_token_mapping_tenant_user_email_and_role() {
            assertThat(principalOf(auth(rsa(c -> c))))
                    .isEqualTo(new Principal("karachi-tech", "user-1", "hassan.malik@company.pk", Role.MEMBER));
        }

        @Test
        void an_es256_token() throws Exception {
            String token = TestTokens.sign(
                    new ECDSASigner(EC),
                    new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
                    claims().build());
            assertThat(auth(token)).isInstanceOf(AuthResult.Authenticated.class);
        }

        @Test
        void an_access_token_whose_client_id_matches() {
            assertThat(auth(rsa(c -> c.audience((String) null)
                            .claim("token_use", "access")
                            .claim("client_id", CLIENT))))
                    .isInstanceOf(AuthResult.Authenticated.class);
        }

        @Test
        void a_token_expired_within_the_60_second_skew() {
            assertThat(auth(rsa(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(30))))))
                    .isInstanceOf(AuthResult.Authenticated.class);
        }

        @Test
        void the_most_privileged_known_group_and_ignores_unknown_ones() {
            var result = auth(rsa(c -> c.claim("cognito:groups", List.of("viewers", "MEMBER", "AUDITOR", "admin"))));
            assertThat(((AuthResult.Authenticated) result).principal().role()).isEqualTo(Role.AUDITOR);
        }

        @Test
        void custom_role_only_when_the_groups_hold_no_known_role() {
            var byCustom = auth(rsa(c -> c.claim("cognito:groups", List.of("x")).claim("custom:role", "ADMIN")));
            assertThat(((AuthResult.Authenticated) byCustom).principal().role()).isEqualTo(Role.ADMIN);
            var byGroup = auth(rsa(c -> c.claim("custom:role", "ADMIN")));
            assertThat(((AuthResult.Authenticated) byGroup).principal().role()).isEqualTo(Role.MEMBER);
        }

        @Test
        void tenant_id_when_custom_tenant_id_is_absent_and_no_email() {
            var result = auth(rsa(c ->
                    c.claim("custom:tenant_id", null).claim("tenant_id", "acme").claim("email", null)));
            assertThat(((AuthResult.Authenticated) result).principal())
                    .isEqualTo(new Principal("acme", "user-1", null, Role.MEMBER));
        }
    }

    @Nested
    class Rejects_as_unauthorized {
        @Test
        void a_missing_header() {
            assertUnauthorized(AUTH.authenticate(null));
            assertUnauthorized(AUTH.authenticate(""));
        }

        @Test
        void a_header_without_the_bearer_scheme() {
            assertUnauthorized(AUTH.authenticate("Basic dXNlcjpwdw=="));
        }

        @Test
        void a_malformed_token() {
            assertUnauthorized(auth("not.a.jwt"));
            assertUnauthorized(auth("abc"));
        }

        @Test
        void alg_none() {
            assertUnauthorized(auth(new PlainJWT(claims().build()).serialize()));
        }

        @Test
        void hs256_signed_with_the_public_key() throws Exception {
            byte[] secret = RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            String token = TestTokens.sign(
                    new MACSigner(secret),
                    new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                    claims().build());
            assertUnauthorized(auth(token));
        }

        @Test
        void an_unknown_kid() throws Exception {
            RSAKey stranger = TestTokens.rsaKey("stranger");
            assertUnauthorized(auth(TestTokens.sign(
                    new RSASSASigner(stranger),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger").build(),
                    claims().build())));
        }

        @Test
        void another_key_with_the_same_kid() throws Exception {
            assertUnauthorized(auth(TestTokens.sign(
                    new RSASSASigner(OTHER_RSA_SAME_KID),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                    claims().build())));
        }

        @Test
        void a_tampered_payload() {
            String[] parts = rsa(c -> c).split("\\.");
            String forged = Base64URL.encode(claims().claim("cognito:groups", List.of("ADMIN"))
                            .build()
                            .toString())
                    .toString();
            assertUnauthorized(auth(parts[0] + "." + forged + "." + parts[2]));
        }

        @Test
        void an_expired_token() {
            assertUnauthorized(
                    auth(rsa(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120))))));
        }

        @Test
        void a_token_without_exp() {
            assertUnauthorized(auth(rsa(c -> c.expirationTime(null))));
        }

        @Test
        void a_token_not_valid_before_a_future_time() {
            assertUnauthorized(
                    auth(rsa(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(300))))));
        }

        @Test
        void a_wrong_issuer() {
            assertUnauthorized(auth(rsa(c -> c.issuer("https://evil.example.com"))));
        }

        @Test
        void a_wrong_audience() {
            assertUnauthorized(auth(rsa(c -> c.audience("another-client"))));
            assertUnauthorized(auth(rsa(c -> c.audience((String) null).claim("token_use", null))));
        }

        @Test
        void an_access_token_of_another_client() {
            assertUnauthorized(auth(rsa(c -> c.claim("token_use", "access").claim("client_id", "other"))));
        }

        @Test
        void a_wrong_token_use() {
            assertUnauthorized(auth(rsa(c -> c.claim("token_use", "refresh"))));
        }

        @Test
        void an_all_zero_es256_signature_cve_2022_21449() throws Exception {
            String token = TestTokens.sign(
                    new ECDSASigner(EC),
                    new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
                    claims().claim("cognito:groups", List.of("ADMIN")).build());
            String[] parts = token.split("\\.");
            String zeros = Base64URL.encode(new byte[64]).toString();
            assertUnauthorized(auth(parts[0] + "." + parts[1] + "." + zeros));
        }
    }

    @Nested
    class Rejects_as_forbidden {
        @Test
        void a_token_without_a_tenant() {
            assertForbidden(auth(rsa(c -> c.claim("custom:tenant_id", null))));
        }

        @Test
        void a_tenant_that_breaks_the_pattern() {
            assertForbidden(auth(rsa(c -> c.claim("custom:tenant_id", "Bad_Tenant"))));
        }

        @Test
        void a_token_without_a_known_role() {
            assertForbidden(auth(rsa(c -> c.claim("cognito:groups", List.of("admin", "Members")))));
        }
    }
}
