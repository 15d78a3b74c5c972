package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.ChainVerifier;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as a child process under load (creates from two threads; updates with distinct values on many tasks
 * from two others), {@code kill -9} at ten random points, each followed by a restart on the same data directory.
 * Then every acknowledged create is there, every acknowledged update is in the task's history with the value and
 * version it was acknowledged with, the chain verifies, and the task view, the analytics counters (against a
 * recount of the task view) and the audit trail all converge to the ledger head; a SIGTERM stops it gracefully.
 */
class KillNineDurabilityIT {
    static final String TENANT = "durable";

    @TempDir
    Path dataDir;

    /** An update as acknowledged: the task, the version its 200 named, the title it set. */
    record Acknowledged(String taskId, long version, String title) {}

    @Test
    void no_acknowledged_command_is_lost_when_the_process_is_killed_at_ten_random_points() throws Exception {
        int port = ChildRuntime.freePort();
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        List<String> created = new CopyOnWriteArrayList<>();
        ConcurrentLinkedQueue<Acknowledged> updates = new ConcurrentLinkedQueue<>();
        AtomicLong counter = new AtomicLong();
        for (int round = 0; round < 10; round++) {
            Process process = ChildRuntime.start(dataDir, port, 0);
            Api api = new Api(port);
            String token = api.token(TENANT, "writer", null, Role.ADMIN);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    java.util.Random mine = new java.util.Random(seed + writer);
                    while (!stop.get()) {
                        try {
                            if (writer < 2 && created.size() > 4) {
                                // updates: each writer owns the tasks of its parity, so a task's updates are sequential
                                String id = created.get(mine.nextInt(created.size()));
                                if (Math.floorMod(id.hashCode(), 2) != writer) {
                                    continue;
                                }
                                String title = "update-" + counter.incrementAndGet();
                                Api.Response r = api.json("PATCH", "/tasks/" + id, token, "{'title':'" + title + "'}");
                                if (r.status() == 200) {
                                    updates.add(new Acknowledged(
                                            id, r.json().get("version").asLong(), title));
                                }
                            } else {
                                Api.Response r = api.json("POST", "/tasks", token, "{'title':'durable'}");
                                if (r.status() == 201) {
                                    created.add(r.json().get("task_id").asText());
                                }
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                }));
            }
            Thread.sleep(300 + random.nextInt(1000)); // a random point under load
            process.destroyForcibly(); // SIGKILL
            process.waitFor();
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
        }
        assertThat(created).as("seed %d", seed).isNotEmpty();
        assertThat(updates).as("seed %d", seed).isNotEmpty();

        Process last = ChildRuntime.start(dataDir, port, 0);
        Api api = new Api(port);
        String token = api.token(TENANT, "reader", null, Role.AUDITOR);
        JsonNode verify =
                api.send("GET", "/audit/verify", token, null, Map.of()).json();
        assertThat(verify.get("status").asText()).as("seed %d", seed).isEqualTo("VERIFIED");
        long head = verify.get("last_sequence").asLong();
        Map<String, String> atHead = Map.of("X-Ledger-Min-Sequence", Long.toString(head));
        for (String id : created) {
            assertThat(api.send("GET", "/tasks/" + id, token, null, atHead).status())
                    .as("acknowledged task %s (seed %d)", id, seed)
                    .isEqualTo(200);
        }
        for (Acknowledged update : updates) {
            JsonNode then = api.send(
                            "GET", "/tasks/" + update.taskId() + "?version=" + update.version(), token, null, Map.of())
                    .json();
            assertThat(then.get("title").asText())
                    .as("acknowledged update %s (seed %d)", update, seed)
                    .isEqualTo(update.title());
        }
        assertConverged(api, token, head, atHead, seed);
        last.destroy(); // SIGTERM: graceful stop
        assertThat(last.waitFor()).isIn(0, 143);

        try (SqliteTable table = SqliteTable.open(dataDir.resolve(LocalRuntime.DATABASE_FILE))) {
            Ledger ledger = new Ledger(table, Clock.systemUTC());
            for (String id : created) {
                assertThat(ledger.taskState(TENANT, id))
                        .as("acknowledged task %s", id)
                        .isPresent();
            }
            ChainVerifier.Report report = ChainVerifier.verify(ledger, TENANT, 1, Long.MAX_VALUE);
            assertThat(report.verified()).as("%s", report.failure()).isTrue();
            assertThat(report.checked()).isEqualTo(head);
        }
    }

    /** The task view, analytics and the audit trail have all applied the head, and agree with each other. */
    static void assertConverged(Api api, String token, long head, Map<String, String> atHead, long seed) {
        Map<String, Integer> byStatus = new ConcurrentHashMap<>();
        int tasks = 0;
        String cursor = null;
        do {
            Api.Response page = api.send(
                    "GET", "/tasks?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), token, null, atHead);
            assertThat(Long.parseLong(page.header("X-Ledger-Projected-Sequence")))
                    .isGreaterThanOrEqualTo(head);
            for (JsonNode task : page.json().get("items")) {
                tasks++;
                byStatus.merge(task.get("status").asText(), 1, Integer::sum);
            }
            cursor = page.json().get("next_cursor").isNull()
                    ? null
                    : page.json().get("next_cursor").asText();
        } while (cursor != null);
        Api.Response summary = api.send("GET", "/analytics/summary", token, null, atHead);
        assertThat(summary.json().get("projected_sequence").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(summary.json().at("/totals/tasks").asInt())
                .as("analytics recount (seed %d)", seed)
                .isEqualTo(tasks);
        assertThat(summary.json().at("/totals/by_status/OPEN").asInt()).isEqualTo(byStatus.getOrDefault("OPEN", 0));
        long trail = 0;
        String after = null;
        do {
            Api.Response page = api.send(
                    "GET", "/audit?limit=1000" + (after == null ? "" : "&cursor=" + after), token, null, atHead);
            for (JsonNode event : page.json().get("items")) {
                assertThat(event.get("sequence").asLong()).isEqualTo(++trail);
            }
            after = page.json().get("next_cursor").isNull()
                    ? null
                    : page.json().get("next_cursor").asText();
        } while (after != null);
        assertThat(trail).as("audit trail (seed %d)", seed).isEqualTo(head);
    }
}
