package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.Role;
import dev.taskledger.http.Route;
import dev.taskledger.http.Routes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input over HTTP, generated: random routes (from the route table), roles, bodies (valid and broken
 * JSON, wrong types, huge numbers, deep nesting, odd characters), query strings and headers. The server never
 * answers 5xx and never leaks a stack trace or class name.
 */
class FuzzProperties {
    static LocalRuntime runtime;
    static Api api;
    static Map<Role, String> tokens;
    static String taskId;

    @BeforeContainer
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalConfig(0, Files.createTempDirectory("fuzz"), Optional.empty())
                .withRateLimit(100_000, 100_000));
        api = new Api(runtime.port());
        tokens = Map.of(
                Role.ADMIN, api.token("fuzz", "admin", "a@fuzz.test", Role.ADMIN),
                Role.MEMBER, api.token("fuzz", "member", "m@fuzz.test", Role.MEMBER),
                Role.AUDITOR, api.token("fuzz", "auditor", null, Role.AUDITOR));
        taskId = api.json("POST", "/tasks", tokens.get(Role.MEMBER), "{'title':'target'}")
                .json()
                .get("task_id")
                .asText();
    }

    @AfterContainer
    static void stop() {
        runtime.close();
    }

    record Request(Route route, Role role, String id, String query, String body, Map<String, String> headers) {}

    @Property(tries = 400)
    void no_input_makes_the_server_fail_or_leak(@ForAll("requests") Request r) {
        String path = r.route().path().replace("{id}", r.id()).replace("{token}", r.id()) + r.query();
        Api.Response response = api.send(r.route().method(), path, tokens.get(r.role()), r.body(), r.headers());
        assertThat(response.status())
                .as("%s %s %s %s", r.route().method(), path, r.headers(), r.body())
                .isLessThan(500);
        assertThat(response.body()).doesNotContain("Exception", "dev.taskledger", "at java.", "sqlite", "SQLITE");
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Route> route = Arbitraries.of(
                Routes.ALL.stream().filter(r -> !r.method().equals("DELETE")).toList());
        Arbitrary<String> id = Arbitraries.oneOf(
                Arbitraries.just("TASK"),
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.of("..", "%00", "a/b", "é"));
        Arbitrary<String> query = Arbitraries.oneOf(
                Arbitraries.just(""),
                Combinators.combine(
                                Arbitraries.of(
                                        "status",
                                        "limit",
                                        "cursor",
                                        "sort",
                                        "label",
                                        "as_of",
                                        "version",
                                        "from",
                                        "after_sequence",
                                        "to_sequence",
                                        "x"),
                                Arbitraries.oneOf(
                                        Arbitraries.strings().ofMaxLength(30),
                                        Arbitraries.of(
                                                "-1", "0", "99999999999999999999", "DONE", "2026-01-01T00:00:00Z")))
                        .as((k, v) -> "?" + k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of(
                        "{}",
                        "[]",
                        "null",
                        "{\"title\":null}",
                        "{\"title\":123}",
                        "{\"labels\":[[[[]]]]}",
                        "{\"title\":\"x\",\"due_date\":\"2026-13-45\"}",
                        "{\"title\":1e999999}",
                        "{\"from_sequence\":-5}",
                        "{\"title\":\"\\ud800\"}",
                        "{\"title\":\"ok\",\"version\":1}",
                        "{" + "\"a\":{".repeat(60) + "}".repeat(61),
                        "{\"title\":\"" + "x".repeat(300) + "\"}"),
                Combinators.combine(
                                Arbitraries.of(
                                        "title", "status", "priority", "assigned_to", "labels", "description", "zzz"),
                                Arbitraries.oneOf(
                                        Arbitraries.strings()
                                                .ofMaxLength(20)
                                                .map(s -> "\""
                                                        + s.replace("\\", "").replace("\"", "") + "\""),
                                        Arbitraries.integers().map(String::valueOf),
                                        Arbitraries.just("true"),
                                        Arbitraries.just("[1,2]")))
                        .as((k, v) -> "{\"" + k + "\":" + v + "}"));
        Arbitrary<Map<String, String>> headers = Combinators.combine(
                        Arbitraries.of("application/json", "text/plain", "application/x+json", ""),
                        Arbitraries.of("", "\"1\"", "*", "W/\"1\"", "garbage", "\"1\", \"2\""),
                        Arbitraries.of("", "key-1", "k".repeat(200)),
                        Arbitraries.of("", "1", "-3", "abc", "99999999999999999999"))
                .as((type, ifMatch, key, min) -> {
                    Map<String, String> h = new LinkedHashMap<>();
                    if (!type.isEmpty()) h.put("Content-Type", type);
                    if (!ifMatch.isEmpty()) h.put("If-Match", ifMatch);
                    if (!key.isEmpty()) h.put("Idempotency-Key", key);
                    if (!min.isEmpty()) h.put("X-Ledger-Min-Sequence", min);
                    return h;
                });
        return Combinators.combine(route, Arbitraries.of(Role.values()), id, query, body, headers)
                .as((rt, role, i, q, b, h) -> new Request(rt, role, i.equals("TASK") ? taskId : sanitize(i), q, b, h));
    }

    /** Path segments go through URL encoding so the request line itself stays valid HTTP. */
    static String sanitize(String id) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.isEmpty() ? "x" : encoded;
    }
}
