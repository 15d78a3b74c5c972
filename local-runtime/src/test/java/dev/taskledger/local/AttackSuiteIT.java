package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.taskledger.command.auth.TestTokens;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks over HTTP against the running system, trusting an external issuer whose JWKS this test serves (so it
 * can mint any token): the JWT attack matrix, mass assignment, hostile bodies (oversized, deeply nested, huge
 * numbers, invalid UTF-8, duplicate keys), header injection, cursor forgery — each answered with the contract's
 * problem type, never a 5xx, a stack trace, or an effect.
 */
class AttackSuiteIT {
    static final String ISSUER = "https://issuer.attack.test";
    static final String AUDIENCE = "taskledger-attack";
    static final RSAKey RSA = TestTokens.rsaKey("k1");
    static final RSAKey IMPOSTOR_SAME_KID = TestTokens.rsaKey("k1");
    static final ECKey EC = TestTokens.ecKey("e1");

    @TempDir
    static Path dataDir;

    static HttpServer jwks;
    static LocalRuntime runtime;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        byte[] keys = new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK()))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        String jwksUrl = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
        runtime = LocalRuntime.start(
                new LocalConfig(0, dataDir, Optional.of(new LocalConfig.ExternalIssuer(ISSUER, jwksUrl, AUDIENCE)))
                        .withRateLimit(100_000, 100_000));
        api = new Api(runtime.port());
    }

    @AfterAll
    static void stop() {
        runtime.close();
        jwks.stop(0);
    }

    static JWTClaimsSet.Builder claims(String tenant, String role) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-" + role)
                .audience(AUDIENCE)
                .claim("custom:tenant_id", tenant)
                .claim("cognito:groups", List.of(role))
                .claim("email", role.toLowerCase() + "@attack.test")
                .claim("email_verified", true)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    static String token(UnaryOperator<JWTClaimsSet.Builder> edit) {
        try {
            return TestTokens.sign(
                    new RSASSASigner(RSA),
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                    edit.apply(claims("victim-co", "ADMIN")).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String admin = null;

    static String admin() {
        if (admin == null) {
            admin = token(c -> c);
        }
        return admin;
    }

    static void assertProblem(Api.Response r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("content-type")).startsWith("application/problem+json");
        assertThat(r.json().get("type").asText()).endsWith("/" + type);
        assertThat(r.body()).doesNotContain("Exception", "dev.taskledger", "at java.", "SQLITE", "nimbus");
    }

    @Nested
    class Identity_claims {
        @Test
        void a_look_alike_or_unverified_email_never_takes_over_a_task_assigned_to_someone_else() {
            String tenant = "lookalike-co";
            String admin = token(c -> claims(tenant, "ADMIN"));
            String taskId = api.json("POST", "/tasks", admin, "{'title':'kims task','assigned_to':'kim@e.com'}")
                    .json()
                    .get("task_id")
                    .asText();
            for (String lookAlike : List.of("\u212Aim@e.com", "KIM@E.COM\u0000", "\u212AIM@e.com")) {
                String impostor = token(c -> claims(tenant, "MEMBER")
                        .subject("impostor")
                        .claim("email", lookAlike)
                        .claim("email_verified", true));
                assertProblem(api.json("PATCH", "/tasks/" + taskId, impostor, "{'status':'DONE'}"), 403, "forbidden");
            }
            String unverified = token(c -> claims(tenant, "MEMBER")
                    .subject("unverified-kim")
                    .claim("email", "kim@e.com")
                    .claim("email_verified", false));
            assertProblem(api.json("PATCH", "/tasks/" + taskId, unverified, "{'status':'DONE'}"), 403, "forbidden");
            long head = runtime.ledger().head(tenant).sequence();
            String kim = token(c -> claims(tenant, "MEMBER").subject("kim").claim("email", "Kim@E.com"));
            assertThat(api.json("PATCH", "/tasks/" + taskId, kim, "{'status':'DONE'}")
                            .status())
                    .isEqualTo(200);
            assertThat(runtime.ledger().head(tenant).sequence()).isEqualTo(head + 1);
        }

        @Test
        void a_lone_surrogate_in_a_claim_is_401_and_nothing_is_appended() {
            String tenant = "surrogate-co";
            long exp = Instant.now().plusSeconds(600).getEpochSecond();
            String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"custom:tenant_id\":\"" + tenant
                    + "\",\"cognito:groups\":[\"ADMIN\"],\"exp\":" + exp + ",\"email_verified\":true,";
            for (String bad : List.of(
                    "\"sub\":\"eve\\ud800\",\"email\":\"eve@e.com\"}",
                    "\"sub\":\"eve\",\"email\":\"eve\\ud800@e.com\"}")) {
                String token = TestTokens.rs256Raw(RSA, claims + bad);
                assertProblem(api.json("POST", "/tasks", token, "{'title':'t'}"), 401, "unauthorized");
            }
            assertThat(runtime.ledger().head(tenant).sequence()).isZero();
            String good = TestTokens.rs256Raw(RSA, claims + "\"sub\":\"eve\",\"email\":\"eve@e.com\"}");
            assertThat(api.json("POST", "/tasks", good, "{'title':'t'}").status())
                    .isEqualTo(201);
            assertThat(api.send("GET", "/audit/verify", good, null, Map.of())
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("VERIFIED");
        }
    }

    @Nested
    class Jwt_attacks {
        Map<String, String> unauthorized() throws Exception {
            Map<String, String> tokens = new LinkedHashMap<>();
            Instant now = Instant.now();
            tokens.put("alg none", new PlainJWT(claims("victim-co", "ADMIN").build()).serialize());
            tokens.put(
                    "HS256 keyed with the RSA public key",
                    TestTokens.sign(
                            new MACSigner(RSA.toRSAPublicKey().getEncoded()),
                            new JWSHeader.Builder(JWSAlgorithm.HS256)
                                    .keyID("k1")
                                    .build(),
                            claims("victim-co", "ADMIN").build()));
            tokens.put(
                    "another key with the same kid",
                    TestTokens.sign(
                            new RSASSASigner(IMPOSTOR_SAME_KID),
                            new JWSHeader.Builder(JWSAlgorithm.RS256)
                                    .keyID("k1")
                                    .build(),
                            claims("victim-co", "ADMIN").build()));
            tokens.put(
                    "unknown kid",
                    TestTokens.sign(
                            new RSASSASigner(IMPOSTOR_SAME_KID),
                            new JWSHeader.Builder(JWSAlgorithm.RS256)
                                    .keyID("nope")
                                    .build(),
                            claims("victim-co", "ADMIN").build()));
            String good = admin();
            String[] parts = good.split("\\.");
            String otherTenant = Base64URL.encode(
                            claims("other-co", "ADMIN").build().toString())
                    .toString();
            tokens.put("payload swapped for another tenant's", parts[0] + "." + otherTenant + "." + parts[2]);
            tokens.put("signature stripped", parts[0] + "." + parts[1] + ".");
            tokens.put(
                    "ES256 all-zero signature",
                    new SignedJWT(
                                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                                            .keyID("e1")
                                            .build()
                                            .toBase64URL(),
                                    claims("victim-co", "ADMIN")
                                            .build()
                                            .toPayload()
                                            .toBase64URL(),
                                    Base64URL.encode(new byte[64]))
                            .serialize());
            tokens.put("expired", token(c -> c.expirationTime(Date.from(now.minusSeconds(120)))));
            tokens.put("not yet valid", token(c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))));
            tokens.put("without exp", token(c -> c.expirationTime(null)));
            tokens.put("wrong issuer", token(c -> c.issuer("https://evil.test")));
            tokens.put("wrong audience", token(c -> c.audience("someone-else")));
            tokens.put("garbage", "not.a.jwt");
            tokens.put("ten kilobytes", "a".repeat(10_000));
            return tokens;
        }

        @Test
        void every_forged_or_invalid_token_is_401_with_www_authenticate_on_every_kind_of_route() throws Exception {
            for (Map.Entry<String, String> t : unauthorized().entrySet()) {
                for (String[] call :
                        List.of(new String[] {"GET", "/tasks"}, new String[] {"POST", "/tasks"}, new String[] {
                            "GET", "/audit/verify"
                        })) {
                    Api.Response r = call[0].equals("POST")
                            ? api.json("POST", "/tasks", t.getValue(), "{'title':'forged'}")
                            : api.send(call[0], call[1], t.getValue(), null, Map.of());
                    assertThat(r.status()).as(t.getKey() + " " + call[1]).isEqualTo(401);
                    assertThat(r.header("www-authenticate")).isEqualTo("Bearer");
                }
            }
            // nothing was written by any of them
            assertThat(api.send("GET", "/audit/verify", admin(), null, Map.of())
                            .json()
                            .get("checked")
                            .asInt())
                    .isZero();
        }

        @Test
        void valid_signatures_with_unusable_claims_are_403() {
            for (String token : List.of(
                    token(c -> c.claim("custom:tenant_id", null)),
                    token(c -> c.claim("custom:tenant_id", "Victim_Co")),
                    token(c -> c.claim("custom:tenant_id", "x".repeat(70))),
                    token(c -> c.claim("cognito:groups", List.of("admin", "SUPERUSER"))),
                    token(c -> c.claim("cognito:groups", null)))) {
                assertProblem(api.send("GET", "/tasks", token, null, Map.of()), 403, "forbidden");
            }
        }

        @Test
        void the_wrong_scheme_or_a_malformed_header_is_401() {
            for (Map<String, String> headers : List.of(
                    Map.of("Authorization", "Basic dXNlcjpwYXNz"),
                    Map.of("Authorization", "Bearer"),
                    Map.of("Authorization", "bearer" + admin()))) {
                Api.Response r = api.send("GET", "/tasks", null, null, headers);
                assertThat(r.status()).as(headers.toString()).isEqualTo(401);
            }
        }
    }

    @Nested
    class Bodies {
        @Test
        void server_owned_fields_cannot_be_mass_assigned() {
            for (String field : List.of(
                    "'task_id':'mine'",
                    "'tenant_id':'other-co'",
                    "'version':99",
                    "'created_by':'boss'",
                    "'created_at':'2020-01-01T00:00:00.000Z'",
                    "'updated_by':'x'",
                    "'is_admin':true")) {
                Api.Response r = api.json("POST", "/tasks", admin(), "{'title':'t'," + field + "}");
                assertProblem(r, 400, "validation");
            }
        }

        @Test
        void oversized_deeply_nested_huge_numbers_duplicate_keys_and_invalid_utf8_are_refused() throws Exception {
            assertProblem(
                    api.json("POST", "/tasks", admin(), "{'title':'" + "x".repeat(70_000) + "'}"),
                    413,
                    "payload-too-large");
            assertProblem(
                    api.json(
                            "POST",
                            "/tasks",
                            admin(),
                            "{'title':'t','labels':" + "[".repeat(5_000) + "]".repeat(5_000) + "}"),
                    400,
                    "malformed-body");
            assertProblem(
                    api.json("POST", "/tasks", admin(), "{'title':'t','version':1" + "0".repeat(500) + "}"),
                    400,
                    "malformed-body");
            assertProblem(api.json("POST", "/tasks", admin(), "{'title':'a','title':'b'}"), 400, "malformed-body");
            assertProblem(api.json("POST", "/tasks", admin(), "{'title':'t'} {}"), 400, "malformed-body");
            byte[] invalidUtf8 = "{\"title\":\"bad \u0000\"}".getBytes(StandardCharsets.UTF_8);
            invalidUtf8[12] = (byte) 0xC3; // a lead byte with no continuation
            Api.Response r = raw("POST /tasks", admin(), "application/json", invalidUtf8);
            assertThat(r.status()).isIn(400);
            assertThat(r.body()).doesNotContain("Exception");
            assertProblem(
                    api.send("POST", "/tasks", admin(), "{\"title\":\"t\"}", Map.of("Content-Type", "text/plain")),
                    415,
                    "unsupported-media-type");
        }
    }

    @Nested
    class Headers_and_cursors {
        @Test
        void injected_or_oversized_request_ids_are_not_echoed() throws Exception {
            Api.Response r = raw(
                    "GET /tasks",
                    admin(),
                    null,
                    null,
                    "X-Request-Id: abc\u000bdef",
                    "X-Correlation-Id: " + "c".repeat(500));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("x-request-id")).doesNotContain("abc").hasSizeLessThanOrEqualTo(128);
            for (String value : List.of("a".repeat(129), "é-non-ascii", "")) {
                Api.Response s = api.send("GET", "/tasks", admin(), null, Map.of("X-Request-Id", value));
                assertThat(s.header("x-request-id")).isNotEqualTo(value);
            }
        }

        @Test
        void bad_idempotency_keys_if_match_and_min_sequence_are_400() {
            assertProblem(
                    api.send(
                            "POST",
                            "/tasks",
                            admin(),
                            "{\"title\":\"t\"}",
                            Map.of("Content-Type", "application/json", "Idempotency-Key", "k".repeat(129))),
                    400,
                    "validation");
            assertProblem(
                    api.send("GET", "/tasks", admin(), null, Map.of("X-Ledger-Min-Sequence", "-1")), 400, "validation");
            assertProblem(
                    api.send("GET", "/tasks", admin(), null, Map.of("X-Ledger-Min-Sequence", "9".repeat(30))),
                    400,
                    "validation");
        }

        @Test
        void forged_edited_and_foreign_cursors_are_400() {
            for (int i = 0; i < 3; i++) {
                api.json("POST", "/tasks", admin(), "{'title':'page " + i + "'}");
            }
            String cursor = api.send("GET", "/tasks?limit=1", admin(), null, Map.of())
                    .json()
                    .get("next_cursor")
                    .asText();
            String other = token(c -> c.claim("custom:tenant_id", "other-co"));
            for (String[] probe : List.of(
                    new String[] {"/tasks?limit=1&cursor=" + flipped(cursor), admin()},
                    new String[] {"/tasks?limit=1&cursor=eyJ4IjoxfQ.AAAA", admin()},
                    new String[] {"/tasks?limit=1&status=DONE&cursor=" + cursor, admin()},
                    new String[] {"/tasks?limit=1&cursor=" + cursor, other},
                    new String[] {"/audit?cursor=" + cursor, admin()})) {
                assertProblem(api.send("GET", probe[0], probe[1], null, Map.of()), 400, "validation");
            }
        }
    }

    /** The cursor with one bit of its signature changed (always a different signature, unlike a text edit). */
    static String flipped(String cursor) {
        int dot = cursor.indexOf('.');
        byte[] mac = java.util.Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
        mac[mac.length / 2] ^= 4;
        return cursor.substring(0, dot + 1)
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    @Nested
    class Display_spoofing {
        @Test
        void titles_that_hide_or_reorder_text_are_400_and_nothing_is_appended() {
            long head = runtime.ledger().head("victim-co").sequence();
            for (String title : List.of("\\u200b", "pay \\u202eroot\\u202c", "\\u200d", "x\\u2066y\\u2069")) {
                assertProblem(api.json("POST", "/tasks", admin(), "{'title':'" + title + "'}"), 400, "validation");
            }
            assertThat(runtime.ledger().head("victim-co").sequence()).isEqualTo(head);
        }
    }

    @Nested
    class Cursor_bindings {
        dev.taskledger.http.Cursors key() {
            return new dev.taskledger.http.Cursors(Secrets.loadOrCreate(dataDir, "cursor.key"));
        }

        @Test
        void filter_values_holding_a_separator_never_make_two_bindings_alike() {
            var a = dev.taskledger.http.Cursors.binding("audit", "victim-co", 0, null, null, "a|b", null);
            var b = dev.taskledger.http.Cursors.binding("audit", "victim-co", 0, null, null, "a", "b");
            var c = dev.taskledger.http.Cursors.binding("audit", "victim-co", 0, null, null, "a", "b|null");
            assertThat(java.util.Set.of(a, b, c)).hasSize(3);
            String minted = key().sign(a, "1");
            assertThat(key().verify(a, minted)).contains("1");
            assertThat(key().verify(b, minted)).isEmpty();
            assertThat(key().verify(c, minted)).isEmpty();
            // over HTTP: a genuine cursor of ?task_id=a|b is refused for ?task_id=a&actor=b
            String url = "/audit?task_id=a%7Cb&cursor=" + minted;
            assertThat(api.send("GET", url, admin(), null, Map.of()).status()).isEqualTo(200);
            assertProblem(
                    api.send("GET", "/audit?task_id=a&actor=b&cursor=" + minted, admin(), null, Map.of()),
                    400,
                    "validation");
        }

        @Test
        void a_genuine_cursor_with_a_position_of_the_wrong_shape_is_400_never_500() {
            String task = api.json("POST", "/tasks", admin(), "{'title':'shapes'}")
                    .json()
                    .get("task_id")
                    .asText();
            var key = key();
            for (String position : List.of("not-a-number", "", "99999999999999999999999", "1|2")) {
                String audit = key.sign(
                        dev.taskledger.http.Cursors.binding("audit", "victim-co", "0", null, null, null, null),
                        position);
                assertProblem(api.send("GET", "/audit?cursor=" + audit, admin(), null, Map.of()), 400, "validation");
                String digests = key.sign(dev.taskledger.http.Cursors.binding("digests", "victim-co"), position);
                assertProblem(
                        api.send("GET", "/audit/digests?cursor=" + digests, admin(), null, Map.of()),
                        400,
                        "validation");
                String history = key.sign(dev.taskledger.http.Cursors.binding("history", "victim-co", task), position);
                assertProblem(
                        api.send("GET", "/tasks/" + task + "/history?cursor=" + history, admin(), null, Map.of()),
                        400,
                        "validation");
            }
        }
    }

    /** A request written byte by byte (for what HttpClient refuses to send). */
    static Api.Response raw(String requestLine, String token, String contentType, byte[] body, String... extraHeaders)
            throws Exception {
        return RawHttp.send(runtime.port(), requestLine, token, contentType, body, extraHeaders);
    }
}
