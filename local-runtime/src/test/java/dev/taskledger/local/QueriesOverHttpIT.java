package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GET endpoints over HTTP, served from projections fed by the poller, the bridge and the bus. */
class QueriesOverHttpIT {
    @TempDir
    static Path dataDir;

    static LocalRuntime runtime;
    static Api api;
    static String admin;
    static String auditor;
    static String foreign;
    static final List<JsonNode> created = new ArrayList<>();
    static long lastSequence;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty(), java.time.Duration.ofSeconds(1))
                .withRateLimit(100_000, 100_000));
        api = new Api(runtime.port());
        admin = api.token("readers", "admin-1", "admin@readers.test", Role.ADMIN);
        auditor = api.token("readers", "auditor-1", null, Role.AUDITOR);
        foreign = api.token("others", "admin-2", null, Role.ADMIN);
        Random random = new Random(7);
        String[] statuses = {"OPEN", "IN_PROGRESS", "DONE", "CANCELLED"};
        for (int i = 0; i < 37; i++) {
            String body = "{'title':'task %d','status':'%s','priority':'%s','labels':['%s'],'assigned_to':%s}"
                    .formatted(
                            i,
                            statuses[random.nextInt(4)],
                            i % 2 == 0 ? "HIGH" : "LOW",
                            i % 3 == 0 ? "red" : "blue",
                            i % 4 == 0 ? "'dev@readers.test'" : "null");
            Api.Response r = api.json("POST", "/tasks", admin, body);
            assertThat(r.status()).isEqualTo(201);
            created.add(r.json());
            lastSequence = Long.parseLong(r.header("X-Ledger-Sequence"));
        }
        api.json("POST", "/tasks", foreign, "{'title':'not yours'}");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static Api.Response get(String path, String token) {
        return api.send("GET", path, token, null, Map.of("X-Ledger-Min-Sequence", Long.toString(lastSequence)));
    }

    /** Pages through a listing and returns the task ids in the order served. */
    static List<String> pageThrough(String query, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 100; guard++) {
            String path = "/tasks?limit=" + limit + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + cursor);
            Api.Response r = get(path, auditor);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("items").size()).isLessThanOrEqualTo(limit);
            r.json().get("items").forEach(t -> ids.add(t.get("task_id").asText()));
            if (r.json().get("next_cursor").isNull()) {
                return ids;
            }
            cursor = r.json().get("next_cursor").asText();
        }
        throw new AssertionError("paging did not end");
    }

    static List<String> expected(java.util.function.Predicate<JsonNode> filter, boolean newestFirst) {
        List<String> ids = new ArrayList<>(created.stream()
                .filter(filter)
                .map(t -> t.get("task_id").asText())
                .toList());
        if (newestFirst) {
            java.util.Collections.reverse(ids);
        }
        return ids;
    }

    @Test
    void a_task_reads_back_exactly_as_the_command_answered_with_its_etag_and_projected_sequence() {
        JsonNode task = created.get(5);
        Api.Response r = get("/tasks/" + task.get("task_id").asText(), auditor);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(task);
        assertThat(r.header("ETag")).isEqualTo("\"1\"");
        assertThat(Long.parseLong(r.header("X-Ledger-Projected-Sequence"))).isGreaterThanOrEqualTo(lastSequence);
    }

    @Test
    void paging_with_any_limit_returns_every_task_exactly_once_in_the_requested_order() {
        for (int limit : List.of(1, 2, 5, 7, 25, 36, 37, 100)) {
            assertThat(pageThrough("", limit)).as("limit %d", limit).isEqualTo(expected(t -> true, true));
        }
        assertThat(pageThrough("sort=created_at", 4)).isEqualTo(expected(t -> true, false));
    }

    @Test
    void filters_combine_with_and_and_repeated_values_mean_any() {
        assertThat(pageThrough("status=DONE", 3))
                .isEqualTo(expected(t -> t.get("status").asText().equals("DONE"), true));
        assertThat(pageThrough("status=DONE&status=OPEN&priority=HIGH", 4))
                .isEqualTo(expected(
                        t -> List.of("DONE", "OPEN").contains(t.get("status").asText())
                                && t.get("priority").asText().equals("HIGH"),
                        true));
        assertThat(pageThrough("label=red&assigned_to=DEV@readers.test", 2))
                .isEqualTo(expected(
                        t -> t.get("labels").toString().contains("red")
                                && !t.get("assigned_to").isNull(),
                        true));
    }

    @Test
    void another_tenants_tasks_are_never_listed_or_readable() {
        Set<String> ids = new HashSet<>(pageThrough("", 100));
        assertThat(ids).hasSize(created.size());
        Api.Response theirs = api.json("POST", "/tasks", foreign, "{'title':'x'}");
        assertThat(get("/tasks/" + theirs.json().get("task_id").asText(), admin).status())
                .isEqualTo(404);
        assertThat(get("/tasks/" + theirs.json().get("task_id").asText() + "/history", admin)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_forged_or_foreign_cursor_is_400() {
        Api.Response first = get("/tasks?limit=2", auditor);
        String cursor = first.json().get("next_cursor").asText();
        assertThat(get("/tasks?limit=2&cursor=" + cursor, auditor).status()).isEqualTo(200);
        assertThat(get("/tasks?limit=2&cursor=" + cursor.substring(0, cursor.length() - 2) + "AA", auditor)
                        .status())
                .isEqualTo(400);
        assertThat(get("/tasks?limit=2&status=DONE&cursor=" + cursor, auditor).status())
                .isEqualTo(400);
        assertThat(get("/tasks?limit=2&cursor=" + cursor, foreign).status()).isEqualTo(400);
        assertThat(get("/tasks?limit=5&cursor=" + cursor, auditor).status()).isEqualTo(200);
    }

    @Test
    void unknown_empty_or_invalid_query_parameters_are_400() {
        for (String q : List.of(
                "foo=1", "limit=0", "limit=101", "limit=x", "status=LOST", "sort=title", "status=", "priority=NOPE")) {
            Api.Response r = get("/tasks?" + q, auditor);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.json().get("type").asText()).endsWith("/validation");
        }
        assertThat(get("/tasks/" + created.getFirst().get("task_id").asText() + "?x=1", auditor)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void a_task_history_is_paged_in_version_order_and_includes_the_deletion() {
        String id = api.json("POST", "/tasks", foreign, "{'title':'short-lived'}")
                .json()
                .get("task_id")
                .asText();
        String auditor = QueriesOverHttpIT.foreign;
        String admin = QueriesOverHttpIT.foreign;
        api.json("PATCH", "/tasks/" + id, admin, "{'title':'renamed'}");
        api.json("PATCH", "/tasks/" + id, admin, "{'priority':'URGENT'}");
        api.send("DELETE", "/tasks/" + id, admin, null, Map.of());

        List<String> types = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        String cursor = null;
        do {
            // the history is read from the ledger (no wait needed); this tenant's sequence is not lastSequence
            Api.Response r = api.send(
                    "GET",
                    "/tasks/" + id + "/history?limit=1" + (cursor == null ? "" : "&cursor=" + cursor),
                    auditor,
                    null,
                    Map.of());
            assertThat(r.status()).isEqualTo(200);
            r.json().get("items").forEach(e -> {
                types.add(e.get("event_type").asText());
                versions.add(e.get("task_version").asLong());
            });
            cursor = r.json().get("next_cursor").isNull()
                    ? null
                    : r.json().get("next_cursor").asText();
        } while (cursor != null);
        assertThat(types).containsExactly("TaskCreated", "TaskUpdated", "TaskUpdated", "TaskDeleted");
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void read_your_writes_with_min_sequence_and_a_400_for_a_sequence_beyond_the_ledger_head() {
        Api.Response write =
                api.json("PATCH", "/tasks/" + created.get(7).get("task_id").asText(), admin, "{'title':'fresh'}");
        String sequence = write.header("X-Ledger-Sequence");
        Api.Response read = api.send(
                "GET",
                "/tasks/" + created.get(7).get("task_id").asText(),
                admin,
                null,
                Map.of("X-Ledger-Min-Sequence", sequence));
        assertThat(read.json().get("title").asText()).isEqualTo("fresh");

        Api.Response beyond = api.send("GET", "/tasks", admin, null, Map.of("X-Ledger-Min-Sequence", "999999999"));
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.json().get("type").asText()).endsWith("/validation");
        assertThat(api.send("GET", "/tasks", admin, null, Map.of("X-Ledger-Min-Sequence", "-1"))
                        .status())
                .isEqualTo(400);
        assertThat(api.send("GET", "/tasks", admin, null, Map.of("X-Ledger-Min-Sequence", "9223372036854775808"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void time_travel_by_version_and_as_of_rebuilds_the_task_from_the_ledger() throws Exception {
        Api.Response created = api.json("POST", "/tasks", foreign, "{'title':'v1'}");
        String id = created.json().get("task_id").asText();
        String createdAt = created.json().get("created_at").asText();
        Thread.sleep(5);
        Api.Response v2 = api.json("PATCH", "/tasks/" + id, foreign, "{'title':'v2'}");
        String updatedAt = v2.json().get("updated_at").asText();
        Thread.sleep(5);
        api.send("DELETE", "/tasks/" + id, foreign, null, Map.of());

        Api.Response atVersion1 = api.send("GET", "/tasks/" + id + "?version=1", foreign, null, Map.of());
        assertThat(atVersion1.status()).isEqualTo(200);
        assertThat(atVersion1.json()).isEqualTo(created.json());
        assertThat(atVersion1.header("ETag")).isEqualTo("\"1\"");
        assertThat(api.send("GET", "/tasks/" + id + "?version=2", foreign, null, Map.of())
                        .json()
                        .get("title")
                        .asText())
                .isEqualTo("v2");
        assertThat(api.send("GET", "/tasks/" + id + "?version=3", foreign, null, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.send("GET", "/tasks/" + id + "?version=4", foreign, null, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.send("GET", "/tasks/" + id + "?as_of=" + createdAt, foreign, null, Map.of())
                        .json()
                        .get("title")
                        .asText())
                .isEqualTo("v1");
        assertThat(api.send("GET", "/tasks/" + id + "?as_of=" + updatedAt, foreign, null, Map.of())
                        .json()
                        .get("title")
                        .asText())
                .isEqualTo("v2");
        assertThat(api.send("GET", "/tasks/" + id + "?as_of=2000-01-01T00:00:00Z", foreign, null, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.send("GET", "/tasks/" + id + "?as_of=2999-01-01T00:00:00Z", foreign, null, Map.of())
                        .status())
                .isEqualTo(404);
        for (String bad : List.of("?version=0", "?version=x", "?as_of=yesterday", "?version=1&as_of=" + createdAt)) {
            assertThat(api.send("GET", "/tasks/" + id + bad, foreign, null, Map.of())
                            .status())
                    .as(bad)
                    .isEqualTo(400);
        }
        assertThat(api.send("GET", "/tasks/" + id + "?version=1", admin, null, Map.of())
                        .status())
                .isEqualTo(404);
    }
}
