package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.Role;
import dev.taskledger.ledger.ChainVerifier;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk: the runtime runs as a child process whose files may not grow past a limit ({@code ulimit -f}, so
 * writes fail with EFBIG as on a full disk). Commands that cannot be written are refused with a clear 503
 * {@code unavailable} and nothing half-written; once space returns (a restart without the limit) every
 * acknowledged task is there, the chain verifies, the projections catch up and writes work again.
 */
class StorageFullIT {
    @TempDir
    Path dataDir;

    @Test
    void a_full_disk_refuses_writes_clearly_corrupts_nothing_and_recovers_when_space_returns() throws Exception {
        int port = ChildRuntime.freePort();
        Process limited =
                ChildRuntime.start(dataDir, port, 3_000); // KiB: room to start and for a few dozen large tasks
        Api api = new Api(port);
        String token = api.token("full-disk", "writer", null, Role.ADMIN);
        List<String> acknowledged = new ArrayList<>();
        Api.Response refused = null;
        String description = "d".repeat(9_000);
        for (int i = 0; i < 2_000 && refused == null; i++) {
            Api.Response r =
                    api.json("POST", "/tasks", token, "{'title':'big " + i + "','description':'" + description + "'}");
            if (r.status() == 201) {
                acknowledged.add(r.json().get("task_id").asText());
            } else {
                refused = r;
            }
        }
        assertThat(acknowledged).as("some writes fit").isNotEmpty();
        assertThat(refused).as("the disk filled up").isNotNull();
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.json().get("type").asText()).endsWith("/unavailable");
        assertThat(refused.header("retry-after")).isEqualTo("5");
        assertThat(refused.body()).doesNotContain("SQLITE", "Exception", "dev.taskledger");
        // still full: refused again, the same way
        assertThat(api.json("POST", "/tasks", token, "{'title':'again','description':'" + description + "'}")
                        .status())
                .isEqualTo(503);
        limited.destroy();
        limited.waitFor();

        Process roomy = ChildRuntime.start(dataDir, port, 0);
        try {
            Api again = new Api(port);
            String fresh = again.token("full-disk", "writer", null, Role.ADMIN);
            assertThat(again.json("POST", "/tasks", fresh, "{'title':'space is back'}")
                            .status())
                    .isEqualTo(201);
            assertThat(again.send("GET", "/audit/verify", fresh, null, Map.of())
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("VERIFIED");
            long head = again.send("GET", "/audit/verify", fresh, null, Map.of())
                    .json()
                    .get("last_sequence")
                    .asLong();
            for (String id : acknowledged) {
                assertThat(again.send(
                                        "GET",
                                        "/tasks/" + id,
                                        fresh,
                                        null,
                                        Map.of("X-Ledger-Min-Sequence", Long.toString(head)))
                                .status())
                        .as("acknowledged task %s", id)
                        .isEqualTo(200);
            }
        } finally {
            roomy.destroy();
            roomy.waitFor();
        }
        try (SqliteTable table = SqliteTable.open(dataDir.resolve(LocalRuntime.DATABASE_FILE))) {
            ChainVerifier.Report report =
                    ChainVerifier.verify(new Ledger(table, Clock.systemUTC()), "full-disk", 1, Long.MAX_VALUE);
            assertThat(report.verified()).as("%s", report.failure()).isTrue();
            assertThat(report.checked()).isEqualTo(acknowledged.size() + 1);
        }
    }

    /** The runtime as a child; {@code fileLimitKib} > 0 caps the size any file it writes may reach. */
}
