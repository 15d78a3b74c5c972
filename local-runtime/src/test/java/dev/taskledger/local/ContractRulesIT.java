package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract's precise rules (SPEC sections 3 and 11), each over HTTP against the running system. */
class ContractRulesIT {
    @TempDir
    static Path dataDir;

    static LocalRuntime runtime;
    static Api api;
    static String admin;
    static String member;
    static String otherMember;
    static final String TENANT = "rules";

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000));
        api = new Api(runtime.port());
        admin = api.token(TENANT, "admin", "admin@rules.test", Role.ADMIN);
        member = api.token(TENANT, "member", "member@rules.test", Role.MEMBER);
        otherMember = api.token(TENANT, "other", "other@rules.test", Role.MEMBER);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static void assertProblem(Api.Response r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("content-type")).startsWith("application/problem+json");
        assertThat(r.json().get("type").asText()).endsWith("/" + type);
    }

    static String create(String token, String body) {
        Api.Response r = api.json("POST", "/tasks", token, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("task_id").asText();
    }

    static long head() {
        return runtime.ledger().head(TENANT).sequence();
    }

    /** Every task id of a listing, paged through with {@code limit}. */
    static List<String> all(String token, String query, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/tasks?" + query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = api.send("GET", path, token, null, Map.of("X-Ledger-Min-Sequence", "" + head()))
                    .json();
            page.get("items").forEach(t -> ids.add(t.get("task_id").asText()));
            cursor = page.get("next_cursor").isNull()
                    ? null
                    : page.get("next_cursor").asText();
        } while (cursor != null);
        return ids;
    }

    @Nested
    class Repeated_filters {
        @Test
        void repeating_status_or_label_means_any_of_them_and_different_filters_combine_with_and() {
            String open = create(admin, "{'title':'a','labels':['red'],'priority':'HIGH'}");
            String done = create(admin, "{'title':'b','status':'DONE','labels':['blue'],'priority':'HIGH'}");
            String progress = create(admin, "{'title':'c','status':'IN_PROGRESS','labels':['red','blue']}");
            String cancelled = create(admin, "{'title':'d','status':'CANCELLED','labels':['green'],'priority':'HIGH'}");
            for (int limit : List.of(1, 2, 100)) {
                assertThat(all(admin, "status=OPEN&status=DONE&label=red&label=blue&label=green", limit))
                        .containsExactlyInAnyOrder(open, done);
                assertThat(all(admin, "label=blue&label=green&priority=HIGH", limit))
                        .containsExactlyInAnyOrder(done, cancelled);
                assertThat(all(admin, "label=red&label=blue", limit))
                        .contains(open, done, progress)
                        .doesNotContain(cancelled);
            }
        }

        @Test
        void a_cursor_is_bound_to_the_whole_filter_set() {
            for (int i = 0; i < 3; i++) {
                create(admin, "{'title':'bound " + i + "','labels':['bound']}");
            }
            String cursor = api.send(
                            "GET",
                            "/tasks?status=OPEN&status=DONE&label=bound&limit=1",
                            admin,
                            null,
                            Map.of("X-Ledger-Min-Sequence", "" + head()))
                    .json()
                    .get("next_cursor")
                    .textValue();
            assertThat(cursor).isNotNull();
            for (String other : List.of(
                    "status=OPEN&label=bound",
                    "status=OPEN&status=DONE",
                    "status=OPEN&status=DONE&label=bound&label=x")) {
                assertProblem(
                        api.send("GET", "/tasks?" + other + "&limit=1&cursor=" + cursor, admin, null, Map.of()),
                        400,
                        "validation");
            }
            assertThat(api.send(
                                    "GET",
                                    "/tasks?status=DONE&status=OPEN&label=bound&limit=1&cursor=" + cursor,
                                    admin,
                                    null,
                                    Map.of())
                            .status())
                    .as(
                            "the same set, in another order: %s",
                            api.send(
                                            "GET",
                                            "/tasks?status=DONE&status=OPEN&label=bound&limit=1&cursor=" + cursor,
                                            admin,
                                            null,
                                            Map.of())
                                    .body())
                    .isEqualTo(200);
        }
    }

    @Nested
    class Projected_sequence {
        @Test
        void every_query_response_carries_the_projected_sequence_history_included() {
            String id = create(admin, "{'title':'seq'}");
            Map<String, String> wait = Map.of("X-Ledger-Min-Sequence", "" + head());
            for (String path : List.of(
                    "/tasks", "/tasks/" + id, "/tasks/" + id + "/history", "/tasks/" + id + "?version=1", "/audit")) {
                Api.Response r = api.send("GET", path, admin, null, wait);
                assertThat(r.status()).as(path).isEqualTo(200);
                assertThat(Long.parseLong(r.header("x-ledger-projected-sequence")))
                        .as(path)
                        .isGreaterThanOrEqualTo(head() - 0);
            }
        }
    }

    @Nested
    class Idempotency_keys {
        @Test
        void a_key_of_anything_but_printable_ascii_is_400_and_writes_nothing() throws Exception {
            long before = head();
            for (String key : List.of("tab\there", "be\u0007ll", "caf\u00e9", "\u00ff", "a".repeat(129))) {
                Api.Response r = RawHttp.send(
                        runtime.port(),
                        "POST /tasks",
                        admin,
                        "application/json",
                        "{\"title\":\"k\"}".getBytes(StandardCharsets.UTF_8),
                        "Idempotency-Key: " + key);
                assertThat(r.status())
                        .as("key %s", key.chars().boxed().toList())
                        .isEqualTo(400);
                assertProblem(r, 400, "validation");
            }
            assertThat(head()).isEqualTo(before);
            assertThat(api.json("POST", "/tasks", admin, "{'title':'k'}", "Idempotency-Key", "printable~!@#key")
                            .status())
                    .isEqualTo(201);
        }
    }

    @Nested
    class Query_parameters_on_commands {
        @Test
        void unknown_or_empty_query_parameters_are_400_on_every_command_before_404_and_403() {
            String mine = create(member, "{'title':'mine'}");
            long before = head();
            List<Api.Response> answers = List.of(
                    api.json("POST", "/tasks?x=1", admin, "{'title':'q'}"),
                    api.json("POST", "/tasks?x=", admin, "{'title':'q'}"),
                    api.json("PATCH", "/tasks/" + mine + "?x=1", member, "{'title':'p'}"),
                    api.json("PUT", "/tasks/" + mine + "?x=1", member, "{'title':'p'}"),
                    api.send("DELETE", "/tasks/" + mine + "?x=1", admin, null, Map.of()),
                    // 400 comes before 404 (no such task) and before 403 (not the owner)
                    api.json("PATCH", "/tasks/no-such-task?x=1", member, "{'title':'p'}"),
                    api.json("PATCH", "/tasks/" + mine + "?x=1", otherMember, "{'title':'p'}"));
            for (Api.Response r : answers) {
                assertProblem(r, 400, "validation");
            }
            assertThat(head()).isEqualTo(before);
        }
    }

    @Nested
    class Utf8_bodies {
        @Test
        void a_body_that_is_not_well_formed_utf8_is_malformed_and_nothing_is_stored() throws Exception {
            Map<String, byte[]> cases = Map.of(
                    "overlong /", new byte[] {(byte) 0xC0, (byte) 0xAF},
                    "encoded surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    "truncated sequence", new byte[] {(byte) 0xE2, (byte) 0x82},
                    "never valid", new byte[] {(byte) 0xFF},
                    "beyond U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    "lone continuation", new byte[] {(byte) 0x80});
            long before = head();
            for (var c : cases.entrySet()) {
                byte[] prefix = "{\"title\":\"ok ".getBytes(StandardCharsets.UTF_8);
                byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
                byte[] body = new byte[prefix.length + c.getValue().length + suffix.length];
                System.arraycopy(prefix, 0, body, 0, prefix.length);
                System.arraycopy(c.getValue(), 0, body, prefix.length, c.getValue().length);
                System.arraycopy(suffix, 0, body, prefix.length + c.getValue().length, suffix.length);
                Api.Response r = RawHttp.send(runtime.port(), "POST /tasks", admin, "application/json", body);
                assertThat(r.status()).as(c.getKey()).isEqualTo(400);
                assertThat(r.json().get("type").asText()).as(c.getKey()).endsWith("/malformed-body");
            }
            assertThat(head()).isEqualTo(before);
        }
    }

    @Nested
    class Min_sequence {
        @Test
        void a_min_sequence_beyond_the_ledger_head_is_400_at_once() {
            create(admin, "{'title':'head'}");
            long start = System.nanoTime();
            Api.Response r = api.send("GET", "/tasks", admin, null, Map.of("X-Ledger-Min-Sequence", "" + (head() + 1)));
            assertProblem(r, 400, "validation");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
            Set<Integer> at = new HashSet<>();
            at.add(api.send("GET", "/tasks", admin, null, Map.of("X-Ledger-Min-Sequence", "" + head()))
                    .status());
            assertThat(at).containsExactly(200);
        }
    }
}
