package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskledger.events.Role;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Noisy tenants cannot stall a quiet one: while two tenants' 40 webhooks point at a listener that accepts and never
 * answers, and they request 40 exports, another tenant's commands are readable (read-your-writes) within 1 s.
 */
class TenantIsolationIT {
    @TempDir
    Path dataDir;

    @Test
    void black_hole_webhooks_and_export_floods_leave_another_tenants_reads_within_one_second() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
                LocalRuntime runtime = LocalRuntime.start(
                        new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000))) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept()); // accepted, read by nobody, answered never
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            Api api = new Api(runtime.port());
            List<String> noisy = List.of(
                    api.token("noisy-a", "boss", null, Role.ADMIN), api.token("noisy-b", "boss", null, Role.ADMIN));
            String hole = "http://127.0.0.1:" + blackHole.getLocalPort() + "/hook";
            for (String admin : noisy) {
                for (int i = 0; i < 20; i++) {
                    assertThat(api.json("POST", "/webhooks", admin, "{'url':'" + hole + "','event_types':['*']}")
                                    .status())
                            .isEqualTo(201);
                }
                for (int i = 0; i < 10; i++) {
                    api.json("POST", "/tasks", admin, "{'title':'noise " + i + "'}");
                }
            }
            List<Integer> exportAnswers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                exportAnswers.add(api.json("POST", "/audit/exports", noisy.getFirst(), "{}")
                        .status());
            }
            // at most 2 in progress and 20 an hour: the flood is cut short, with 429s
            assertThat(exportAnswers).containsOnly(202, 429);
            assertThat(exportAnswers.stream().filter(s -> s == 202)).hasSizeBetween(1, 20);

            String quiet = api.token("quiet", "user", null, Role.ADMIN);
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                Api.Response created = api.json("POST", "/tasks", quiet, "{'title':'quiet " + i + "'}");
                String sequence = created.header("X-Ledger-Sequence");
                Api.Response read = api.send(
                        "GET",
                        "/tasks/" + created.json().get("task_id").asText(),
                        quiet,
                        null,
                        Map.of("X-Ledger-Min-Sequence", sequence));
                Api.Response trail =
                        api.send("GET", "/audit?limit=1", quiet, null, Map.of("X-Ledger-Min-Sequence", sequence));
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(read.status()).isEqualTo(200);
                assertThat(trail.status()).isEqualTo(200);
            }
            assertThat(held).as("the black hole was really called").isNotEmpty();
            assertThat(millis).as("command + read-your-writes, ms").allMatch(ms -> ms < 1_000);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
