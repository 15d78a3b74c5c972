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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as a child process under load (creates and updates from several threads), {@code kill -9} at ten
 * random points, each followed by a restart on the same data directory: every command that got a 2xx is in the
 * ledger, whose hash chain verifies, and the projections converge to it; then a SIGTERM stops it gracefully.
 */
class KillNineDurabilityIT {
    @TempDir
    Path dataDir;

    @Test
    void no_acknowledged_command_is_lost_when_the_process_is_killed_at_ten_random_points() throws Exception {
        int port = ChildRuntime.freePort();
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> updated = new ConcurrentLinkedQueue<>();
        for (int round = 0; round < 10; round++) {
            Process process = ChildRuntime.start(dataDir, port, 0);
            Api api = new Api(port);
            String token = api.token("durable", "writer", null, Role.ADMIN);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        try {
                            if (writer == 0 && !acknowledged.isEmpty()) {
                                String id = acknowledged.peek();
                                Api.Response r = api.json("PATCH", "/tasks/" + id, token, "{'status':'IN_PROGRESS'}");
                                if (r.status() == 200) {
                                    updated.add(id);
                                }
                            } else {
                                Api.Response r = api.json("POST", "/tasks", token, "{'title':'durable'}");
                                if (r.status() == 201) {
                                    acknowledged.add(r.json().get("task_id").asText());
                                }
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                }));
            }
            Thread.sleep(200 + random.nextInt(1000)); // a random point under load
            process.destroyForcibly(); // SIGKILL
            process.waitFor();
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
        }
        assertThat(acknowledged).as("seed %d", seed).isNotEmpty();

        Process last = ChildRuntime.start(dataDir, port, 0);
        Api api = new Api(port);
        String token = api.token("durable", "reader", null, Role.AUDITOR);
        JsonNode verify = api.send("GET", "/audit/verify", token, null, java.util.Map.of())
                .json();
        assertThat(verify.get("status").asText()).as("seed %d", seed).isEqualTo("VERIFIED");
        String head = verify.get("last_sequence").asText();
        for (String id : acknowledged) {
            Api.Response task =
                    api.send("GET", "/tasks/" + id, token, null, java.util.Map.of("X-Ledger-Min-Sequence", head));
            assertThat(task.status())
                    .as("acknowledged task %s (seed %d)", id, seed)
                    .isEqualTo(200);
            if (updated.contains(id)) {
                assertThat(task.json().get("status").asText()).isEqualTo("IN_PROGRESS");
            }
        }
        last.destroy(); // SIGTERM: graceful stop
        assertThat(last.waitFor()).isIn(0, 143);

        try (SqliteTable table = SqliteTable.open(dataDir.resolve(LocalRuntime.DATABASE_FILE))) {
            Ledger ledger = new Ledger(table, Clock.systemUTC());
            for (String id : acknowledged) {
                assertThat(ledger.taskState("durable", id))
                        .as("acknowledged task %s", id)
                        .isPresent();
            }
            ChainVerifier.Report report = ChainVerifier.verify(ledger, "durable", 1, Long.MAX_VALUE);
            assertThat(report.verified()).as("%s", report.failure()).isTrue();
            assertThat(report.checked()).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }
}
