package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.Role;
import dev.taskledger.ledger.ChainVerifier;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as a child process, creates from several threads, {@code kill -9} mid-load, a restart on the same
 * data directory: every create that got a 201 is in the ledger, whose hash chain verifies; then a SIGTERM stops
 * it gracefully.
 */
class KillNineDurabilityIT {
    @TempDir
    Path dataDir;

    @Test
    void no_acknowledged_create_is_lost_when_the_process_is_killed() throws Exception {
        int port = freePort();
        Process first = start(port);
        Api api = new Api(port);
        String token = api.token("durable", "writer", null, Role.ADMIN);

        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            writers.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    try {
                        Api.Response r = api.json("POST", "/tasks", token, "{'title':'durable'}");
                        if (r.status() == 201) {
                            acknowledged.add(r.json().get("task_id").asText());
                        }
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            }));
        }
        Thread.sleep(1500);
        first.destroyForcibly(); // SIGKILL
        first.waitFor();
        stop.set(true);
        for (Thread t : writers) {
            t.join();
        }
        assertThat(acknowledged).isNotEmpty();

        Process second = start(port);
        assertThat(new Api(port)
                        .send("GET", "/health", null, null, java.util.Map.of())
                        .status())
                .isEqualTo(200);
        second.destroy(); // SIGTERM: graceful stop
        assertThat(second.waitFor()).isIn(0, 143);

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

    private Process start(int port) throws IOException, InterruptedException {
        String jar = System.getProperty("runtime.jar", "target/taskledger-local.jar");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        javaBin,
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar,
                        "serve",
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(
                        dataDir.resolve("runtime-" + System.nanoTime() + ".log").toFile())
                .start();
        Api api = new Api(port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (api.send("GET", "/health", null, null, java.util.Map.of()).status() == 200) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the runtime did not start");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
