package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.EventEnvelope;
import dev.taskledger.events.Role;
import dev.taskledger.events.SchemaAssertions;
import dev.taskledger.ledger.ChainVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command behaviour of SPEC section 3 over real HTTP against the local runtime. */
class CommandsOverHttpIT {
    @TempDir
    static Path dataDir;

    static LocalRuntime runtime;
    static Api api;
    static String admin;
    static String member;
    static String otherMember;
    static String auditor;
    static String foreignAdmin;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(
                new LocalConfig(0, dataDir, java.util.Optional.empty()).withRateLimit(100_000, 100_000));
        api = new Api(runtime.port());
        admin = api.token("acme", "admin-1", "admin@acme.test", Role.ADMIN);
        member = api.token("acme", "member-1", "Member.One@acme.test", Role.MEMBER);
        otherMember = api.token("acme", "member-2", "member.two@acme.test", Role.MEMBER);
        auditor = api.token("acme", "auditor-1", null, Role.AUDITOR);
        foreignAdmin = api.token("globex", "admin-9", "admin@globex.test", Role.ADMIN);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static String create(String token, String body) {
        Api.Response r = api.json("POST", "/tasks", token, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("task_id").asText();
    }

    static List<EventEnvelope> history(String tenant, String taskId) {
        List<EventEnvelope> events = runtime.ledger().history(tenant, taskId);
        SchemaAssertions.assertAllConform(events);
        return events;
    }

    @Nested
    class Creating {
        @Test
        void a_create_answers_201_with_location_etag_sequence_and_the_representation() {
            Api.Response r = api.json(
                    "POST",
                    "/tasks",
                    member,
                    "{'title':' Setup CI ','assigned_to':'Hassan@Company.PK','labels':['devops']}",
                    "X-Request-Id",
                    "req-abc-1");

            assertThat(r.status()).isEqualTo(201);
            String id = r.json().get("task_id").asText();
            assertThat(r.header("Location")).isEqualTo("/tasks/" + id);
            assertThat(r.header("ETag")).isEqualTo("\"1\"");
            assertThat(Long.parseLong(r.header("X-Ledger-Sequence"))).isPositive();
            assertThat(r.header("X-Request-Id")).isEqualTo("req-abc-1");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.json().get("tenant_id").asText()).isEqualTo("acme");
            assertThat(r.json().get("title").asText()).isEqualTo("Setup CI");
            assertThat(r.json().get("assigned_to").asText()).isEqualTo("hassan@company.pk");
            assertThat(r.json().get("created_by").asText()).isEqualTo("member-1");
            assertThat(r.json().get("version").asInt()).isEqualTo(1);
            assertThat(id.length()).isLessThanOrEqualTo(64);
        }

        @Test
        void the_correlation_id_is_recorded_on_the_event_and_defaults_to_the_request_id() {
            String a = api.json("POST", "/tasks", admin, "{'title':'a'}", "X-Correlation-Id", "corr-42")
                    .json()
                    .get("task_id")
                    .asText();
            String b = api.json("POST", "/tasks", admin, "{'title':'b'}", "X-Request-Id", "req-77")
                    .json()
                    .get("task_id")
                    .asText();

            assertThat(history("acme", a).getFirst().correlationId()).isEqualTo("corr-42");
            assertThat(history("acme", b).getFirst().correlationId()).isEqualTo("req-77");
            assertThat(history("acme", a).getFirst().actor().email()).isEqualTo("admin@acme.test");
        }

        @Test
        void a_generated_request_id_is_returned_when_none_is_sent() {
            assertThat(api.json("POST", "/tasks", admin, "{'title':'a'}").header("X-Request-Id"))
                    .isNotBlank();
        }
    }

    @Nested
    class Bad_input {
        @Test
        void each_bad_field_gets_one_error_and_nothing_is_appended() {
            long before = runtime.ledger().head("acme").sequence();
            Api.Response r = api.json(
                    "POST", "/tasks", admin, "{'title':'','status':'NOPE','labels':'x','version':2,'colour':'red'}");

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(r.json().get("type").asText()).isEqualTo("https://taskledger.dev/problems/validation");
            List<String> fields = new ArrayList<>();
            r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertThat(fields).containsExactlyInAnyOrder("title", "status", "labels", "version", "colour");
            assertThat(runtime.ledger().head("acme").sequence()).isEqualTo(before);
        }

        @Test
        void a_body_that_is_not_json_or_not_an_object_is_malformed() {
            for (String body : List.of("{", "[1]", "\"x\"", "{\"title\":\"a\",\"title\":\"b\"}", "{} {}")) {
                Api.Response r = api.send("POST", "/tasks", admin, body, Map.of("Content-Type", "application/json"));
                assertThat(r.status()).as(body).isEqualTo(400);
                assertThat(r.json().get("type").asText()).as(body).endsWith("/malformed-body");
            }
        }

        @Test
        void a_deeply_nested_or_huge_number_body_is_refused_without_a_server_error() {
            String deep = "{\"title\":" + "[".repeat(500) + "]".repeat(500) + "}";
            assertThat(api.send("POST", "/tasks", admin, deep, Map.of("Content-Type", "application/json"))
                            .status())
                    .isEqualTo(400);
            String huge = "{\"title\":" + "9".repeat(5000) + "}";
            assertThat(api.send("POST", "/tasks", admin, huge, Map.of("Content-Type", "application/json"))
                            .status())
                    .isEqualTo(400);
        }

        @Test
        void a_wrong_or_missing_content_type_is_415() {
            assertThat(api.send("POST", "/tasks", admin, "{\"title\":\"a\"}", Map.of("Content-Type", "text/plain"))
                            .status())
                    .isEqualTo(415);
            assertThat(api.send("POST", "/tasks", admin, "{\"title\":\"a\"}", Map.of())
                            .status())
                    .isEqualTo(415);
            assertThat(api.send(
                                    "POST",
                                    "/tasks",
                                    admin,
                                    "{\"title\":\"a\"}",
                                    Map.of("Content-Type", "application/merge-patch+json; charset=utf-8"))
                            .status())
                    .isEqualTo(201);
        }

        @Test
        void a_body_over_64_kib_is_413() {
            String big = "{\"title\":\"a\",\"description\":\"" + "x".repeat(70_000) + "\"}";
            Api.Response r = api.json("POST", "/tasks", admin, big);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.json().get("type").asText()).endsWith("/payload-too-large");
        }

        @Test
        void a_path_id_that_cannot_be_a_task_id_is_404() {
            assertThat(api.json("PATCH", "/tasks/not.a.task", admin, "{'title':'x'}")
                            .status())
                    .isEqualTo(404);
            assertThat(api.json("PATCH", "/tasks/" + "a".repeat(65), admin, "{'title':'x'}")
                            .status())
                    .isEqualTo(404);
        }

        @Test
        void unknown_routes_are_404_and_wrong_methods_405_with_allow() {
            assertThat(api.json("POST", "/nothing", admin, "{}").status()).isEqualTo(404);
            Api.Response r = api.json("POST", "/tasks/abc", admin, "{}");
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo("DELETE, GET, PATCH, PUT");
        }

        @Test
        void checks_come_in_the_contract_order() {
            // 401 before 415
            assertThat(api.send("POST", "/tasks", null, "x", Map.of("Content-Type", "text/plain"))
                            .status())
                    .isEqualTo(401);
            // 403 role before 415
            assertThat(api.send("POST", "/tasks", auditor, "x", Map.of("Content-Type", "text/plain"))
                            .status())
                    .isEqualTo(403);
            // 415 before 413
            assertThat(api.send("POST", "/tasks", admin, "x".repeat(70_000), Map.of("Content-Type", "text/plain"))
                            .status())
                    .isEqualTo(415);
            // 400 before 404
            assertThat(api.json("PATCH", "/tasks/unknown-task", admin, "{'title':''}")
                            .status())
                    .isEqualTo(400);
            // 404 before 403 owner
            assertThat(api.json("PATCH", "/tasks/unknown-task", otherMember, "{'title':'x'}")
                            .status())
                    .isEqualTo(404);
            // 403 owner before 412
            String id = create(member, "{'title':'mine'}");
            assertThat(api.json("PATCH", "/tasks/" + id, otherMember, "{'title':'x'}", "If-Match", "\"9\"")
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void no_response_carries_a_stack_trace_or_class_name() {
            for (Api.Response r : List.of(
                    api.json("POST", "/tasks", admin, "{'title':" + "[".repeat(100) + "}"),
                    api.send("POST", "/tasks", admin, "\u0000\u0001", Map.of("Content-Type", "application/json")),
                    api.json("PATCH", "/tasks/x", admin, "{'labels':[1,2]}"))) {
                assertThat(r.body()).doesNotContain("Exception", "dev.taskledger", "at java.", "SQL");
            }
        }
    }

    @Nested
    class Updating {
        @Test
        void put_and_patch_merge_only_the_named_fields_and_null_clears() {
            String id = create(
                    admin,
                    "{'title':'T','description':'d','assigned_to':'a@b.co','due_date':'2026-01-01','labels':['x']}");

            Api.Response patched =
                    api.json("PATCH", "/tasks/" + id, admin, "{'status':'DONE','description':null,'labels':null}");
            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.header("ETag")).isEqualTo("\"2\"");
            assertThat(patched.json().get("status").asText()).isEqualTo("DONE");
            assertThat(patched.json().get("description").asText()).isEmpty();
            assertThat(patched.json().get("labels")).isEmpty();
            assertThat(patched.json().get("assigned_to").asText()).isEqualTo("a@b.co");

            Api.Response put = api.json("PUT", "/tasks/" + id, admin, "{'assigned_to':null,'due_date':null}");
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.json().get("assigned_to").isNull()).isTrue();
            assertThat(put.json().get("due_date").isNull()).isTrue();
            assertThat(put.json().get("title").asText()).isEqualTo("T");
            assertThat(put.json().get("version").asInt()).isEqualTo(3);
        }

        @Test
        void an_update_that_changes_nothing_keeps_the_version_and_names_the_latest_sequence() {
            String id = create(admin, "{'title':'T'}");
            long sequence = runtime.ledger().taskState("acme", id).orElseThrow().lastSequence();
            create(admin, "{'title':'other'}");

            Api.Response r = api.json("PATCH", "/tasks/" + id, admin, "{'title':'T'}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("ETag")).isEqualTo("\"1\"");
            assertThat(r.header("X-Ledger-Sequence")).isEqualTo(Long.toString(sequence));
            assertThat(history("acme", id)).hasSize(1);
        }

        @Test
        void if_match_takes_strong_tags_lists_and_star() {
            String id = create(admin, "{'title':'T'}");
            assertThat(api.json("PATCH", "/tasks/" + id, admin, "{'title':'U'}", "If-Match", "\"1\"")
                            .status())
                    .isEqualTo(200);
            Api.Response stale = api.json("PATCH", "/tasks/" + id, admin, "{'title':'V'}", "If-Match", "\"1\"");
            assertThat(stale.status()).isEqualTo(412);
            assertThat(stale.json().get("type").asText()).endsWith("/version-mismatch");
            assertThat(stale.json().get("detail").asText()).contains("2");
            assertThat(api.json("PATCH", "/tasks/" + id, admin, "{'title':'V'}", "If-Match", "\"abc\"")
                            .status())
                    .isEqualTo(412);
            assertThat(api.json("PATCH", "/tasks/" + id, admin, "{'title':'V'}", "If-Match", "\"7\", \"2\"")
                            .status())
                    .isEqualTo(200);
            assertThat(api.json("PATCH", "/tasks/" + id, admin, "{'title':'W'}", "If-Match", "*")
                            .status())
                    .isEqualTo(200);
            assertThat(api.json("PATCH", "/tasks/" + id, admin, "{'title':'X'}", "If-Match", "W/\"4\"")
                            .status())
                    .isEqualTo(400);
            assertThat(api.json("PATCH", "/tasks/" + id, admin, "{'title':'X'}", "If-Match", "4")
                            .status())
                    .isEqualTo(400);
        }

        @Test
        void if_match_on_an_absent_task_is_404() {
            assertThat(api.json("PATCH", "/tasks/absent-1", admin, "{'title':'X'}", "If-Match", "\"1\"")
                            .status())
                    .isEqualTo(404);
        }
    }

    @Nested
    class Deleting {
        @Test
        void delete_is_204_then_the_task_is_gone_and_a_second_delete_is_404() {
            String id = create(admin, "{'title':'T'}");
            Api.Response r = api.send("DELETE", "/tasks/" + id, admin, null, Map.of());
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.header("X-Ledger-Sequence")).isNotBlank();
            assertThat(r.body()).isEmpty();
            assertThat(api.send("DELETE", "/tasks/" + id, admin, null, Map.of()).status())
                    .isEqualTo(404);
            assertThat(api.json("PATCH", "/tasks/" + id, admin, "{'title':'x'}").status())
                    .isEqualTo(404);
            assertThat(history("acme", id))
                    .extracting(EventEnvelope::eventType)
                    .containsExactly("TaskCreated", "TaskDeleted");
        }

        @Test
        void delete_honours_if_match() {
            String id = create(admin, "{'title':'T'}");
            assertThat(api.send("DELETE", "/tasks/" + id, admin, null, Map.of("If-Match", "\"2\""))
                            .status())
                    .isEqualTo(412);
            assertThat(api.send("DELETE", "/tasks/" + id, admin, null, Map.of("If-Match", "\"1\""))
                            .status())
                    .isEqualTo(204);
        }
    }

    @Nested
    class Roles {
        @Test
        void the_command_role_matrix_of_the_contract_holds() {
            String byMember = create(member, "{'title':'m'}");
            String assignedToMember = create(admin, "{'title':'a','assigned_to':'member.one@acme.test'}");
            String byAdmin = create(admin, "{'title':'x'}");

            assertThat(api.json("PATCH", "/tasks/" + byMember, member, "{'title':'m2'}")
                            .status())
                    .isEqualTo(200);
            assertThat(api.json("PATCH", "/tasks/" + assignedToMember, member, "{'status':'DONE'}")
                            .status())
                    .isEqualTo(200);
            assertThat(api.json("PATCH", "/tasks/" + byAdmin, member, "{'title':'no'}")
                            .status())
                    .isEqualTo(403);
            assertThat(api.json("PUT", "/tasks/" + byMember, otherMember, "{'title':'no'}")
                            .status())
                    .isEqualTo(403);
            assertThat(api.send("DELETE", "/tasks/" + byMember, member, null, Map.of())
                            .status())
                    .isEqualTo(403);

            assertThat(api.json("POST", "/tasks", auditor, "{'title':'no'}").status())
                    .isEqualTo(403);
            assertThat(api.json("PATCH", "/tasks/" + byAdmin, auditor, "{'title':'no'}")
                            .status())
                    .isEqualTo(403);
            assertThat(api.send("DELETE", "/tasks/" + byAdmin, auditor, null, Map.of())
                            .status())
                    .isEqualTo(403);

            assertThat(api.json("PATCH", "/tasks/" + byMember, admin, "{'title':'admin'}")
                            .status())
                    .isEqualTo(200);
            assertThat(api.send("DELETE", "/tasks/" + byMember, admin, null, Map.of())
                            .status())
                    .isEqualTo(204);
        }

        @Test
        void a_token_without_a_known_role_or_with_a_bad_signature_is_refused() {
            assertThat(api.json("POST", "/tasks", admin + "x", "{'title':'a'}").status())
                    .isEqualTo(401);
            Api.Response r = api.json("POST", "/tasks", "garbage", "{'title':'a'}");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Nested
    class Tenant_isolation {
        @Test
        void another_tenants_task_is_indistinguishable_from_an_absent_one() {
            String id = create(admin, "{'title':'acme only'}");
            Api.Response patch = api.json("PATCH", "/tasks/" + id, foreignAdmin, "{'title':'hijack'}");
            Api.Response absent = api.json("PATCH", "/tasks/no-such-task", foreignAdmin, "{'title':'hijack'}");

            assertThat(patch.status()).isEqualTo(404);
            assertThat(patch.json().get("detail")).isEqualTo(absent.json().get("detail"));
            assertThat(api.send("DELETE", "/tasks/" + id, foreignAdmin, null, Map.of())
                            .status())
                    .isEqualTo(404);
            assertThat(history("acme", id)).hasSize(1);
        }

        @Test
        void no_header_or_body_field_can_choose_the_tenant() {
            Api.Response r =
                    api.json("POST", "/tasks", foreignAdmin, "{'title':'t','tenant_id':'acme'}", "X-Tenant-Id", "acme");
            assertThat(r.status()).isEqualTo(400);
            Api.Response ok = api.json("POST", "/tasks", foreignAdmin, "{'title':'t'}", "X-Tenant-Id", "acme");
            assertThat(ok.json().get("tenant_id").asText()).isEqualTo("globex");
        }

        @Test
        void idempotency_keys_are_per_tenant() {
            Api.Response a = api.json("POST", "/tasks", admin, "{'title':'same'}", "Idempotency-Key", "shared-key");
            Api.Response b =
                    api.json("POST", "/tasks", foreignAdmin, "{'title':'same'}", "Idempotency-Key", "shared-key");
            assertThat(b.status()).isEqualTo(201);
            assertThat(b.header("Idempotent-Replayed")).isNull();
            assertThat(b.json().get("task_id")).isNotEqualTo(a.json().get("task_id"));
        }
    }

    @Nested
    class Idempotency {
        @Test
        void another_user_cannot_squat_a_key_nor_replay_its_owners_response() {
            String id = api.json("POST", "/tasks", admin, "{'title':'target'}")
                    .json()
                    .get("task_id")
                    .asText();
            // the other member claims the key first with a request they are forbidden to make
            assertThat(api.json("PATCH", "/tasks/" + id, otherMember, "{'title':'mine'}", "Idempotency-Key", "squat-1")
                            .status())
                    .isEqualTo(403);
            // the owner's real request with that key is theirs: applied, not a replayed 403
            Api.Response real = api.json("DELETE", "/tasks/" + id, admin, null, "Idempotency-Key", "squat-1");
            assertThat(real.status()).isEqualTo(204);
            assertThat(real.header("Idempotent-Replayed")).isNull();
            // and the owner's own retry replays the owner's response, while the squatter still gets theirs
            assertThat(api.json("DELETE", "/tasks/" + id, admin, null, "Idempotency-Key", "squat-1")
                            .header("Idempotent-Replayed"))
                    .isEqualTo("true");
            Api.Response squatter =
                    api.json("PATCH", "/tasks/" + id, otherMember, "{'title':'mine'}", "Idempotency-Key", "squat-1");
            assertThat(squatter.status()).isEqualTo(403);
            assertThat(squatter.header("Idempotent-Replayed")).isEqualTo("true");
        }

        @Test
        void a_retry_with_the_same_key_and_request_replays_the_first_response_and_appends_nothing() {
            Api.Response first =
                    api.json("POST", "/tasks", member, "{'title':'once'}", "Idempotency-Key", "k-create-1");
            long head = runtime.ledger().head("acme").sequence();
            Api.Response again =
                    api.json("POST", "/tasks", member, "{'title':'once'}", "Idempotency-Key", "k-create-1");

            assertThat(again.status()).isEqualTo(201);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(first.header("Idempotent-Replayed")).isNull();
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.header("Location")).isEqualTo(first.header("Location"));
            assertThat(again.header("X-Ledger-Sequence")).isEqualTo(first.header("X-Ledger-Sequence"));
            assertThat(runtime.ledger().head("acme").sequence()).isEqualTo(head);
        }

        @Test
        void the_same_key_with_another_body_method_or_path_is_422() {
            String id = create(admin, "{'title':'T'}");
            api.json("PATCH", "/tasks/" + id, admin, "{'title':'U'}", "Idempotency-Key", "k-2");
            Api.Response body = api.json("PATCH", "/tasks/" + id, admin, "{'title':'V'}", "Idempotency-Key", "k-2");
            assertThat(body.status()).isEqualTo(422);
            assertThat(body.json().get("type").asText()).endsWith("/idempotency-key-reuse");
            assertThat(api.json("PUT", "/tasks/" + id, admin, "{'title':'U'}", "Idempotency-Key", "k-2")
                            .status())
                    .isEqualTo(422);
            assertThat(api.json("POST", "/tasks", admin, "{'title':'U'}", "Idempotency-Key", "k-2")
                            .status())
                    .isEqualTo(422);
        }

        @Test
        void final_client_errors_are_replayed_too() {
            Api.Response first =
                    api.json("PATCH", "/tasks/missing-1", admin, "{'title':'x'}", "Idempotency-Key", "k-404");
            Api.Response again =
                    api.json("PATCH", "/tasks/missing-1", admin, "{'title':'x'}", "Idempotency-Key", "k-404");
            assertThat(first.status()).isEqualTo(404);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        }

        @Test
        void a_delete_is_replayed_as_204() {
            String id = create(admin, "{'title':'T'}");
            assertThat(api.send("DELETE", "/tasks/" + id, admin, null, Map.of("Idempotency-Key", "k-del"))
                            .status())
                    .isEqualTo(204);
            Api.Response again = api.send("DELETE", "/tasks/" + id, admin, null, Map.of("Idempotency-Key", "k-del"));
            assertThat(again.status()).isEqualTo(204);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        }

        @Test
        void a_bad_key_is_400() {
            assertThat(api.json("POST", "/tasks", admin, "{'title':'x'}", "Idempotency-Key", "k".repeat(129))
                            .status())
                    .isEqualTo(400);
            assertThat(api.json("POST", "/tasks", admin, "{'title':'x'}", "Idempotency-Key", "")
                            .status())
                    .isEqualTo(400);
        }

        @Test
        void concurrent_requests_with_one_key_have_one_effect() throws Exception {
            long head = runtime.ledger().head("acme").sequence();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(
                        () -> api.json("POST", "/tasks", admin, "{'title':'race'}", "Idempotency-Key", "k-race")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                Api.Response r = f.get();
                assertThat(r.status()).isIn(201, 409);
                if (r.status() == 201) {
                    ids.add(r.json().get("task_id").asText());
                }
            }
            pool.shutdown();
            assertThat(ids).isNotEmpty();
            assertThat(ids.stream().distinct()).hasSize(1);
            assertThat(runtime.ledger().head("acme").sequence()).isEqualTo(head + 1);
        }
    }

    @Nested
    class Concurrency {
        @Test
        void twenty_concurrent_updates_without_if_match_all_succeed_with_gapless_versions() throws Exception {
            String id = create(admin, "{'title':'hot'}");
            List<Api.Response> responses =
                    concurrently(20, i -> api.json("PATCH", "/tasks/" + id, admin, "{'title':'v" + i + "'}"));

            assertThat(responses).extracting(Api.Response::status).containsOnly(200);
            assertThat(history("acme", id))
                    .extracting(EventEnvelope::taskVersion)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 21)
                            .boxed()
                            .toList());
            assertThat(ChainVerifier.verify(runtime.ledger(), "acme", 1, Long.MAX_VALUE)
                            .verified())
                    .isTrue();
        }

        @Test
        void twenty_concurrent_updates_with_the_same_if_match_let_exactly_one_through() throws Exception {
            String id = create(admin, "{'title':'hot'}");
            List<Api.Response> responses = concurrently(
                    20, i -> api.json("PATCH", "/tasks/" + id, admin, "{'title':'v" + i + "'}", "If-Match", "\"1\""));

            assertThat(responses.stream().filter(r -> r.status() == 200)).hasSize(1);
            assertThat(responses.stream().filter(r -> r.status() == 412)).hasSize(19);
            assertThat(history("acme", id)).hasSize(2);
        }

        List<Api.Response> concurrently(int n, java.util.function.IntFunction<Api.Response> call) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<Api.Response>> futures = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Api.Response> task = () -> {
                    go.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<Api.Response> out = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                out.add(f.get());
            }
            pool.shutdown();
            return out;
        }
    }
}
