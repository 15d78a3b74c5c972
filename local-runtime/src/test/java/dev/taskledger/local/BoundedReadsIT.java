package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.domain.Precondition;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads of a task whose history is far larger than the runtime's heap: a task with 2,000 versions alternating two
 * descriptions of 10,000 emoji (40 KB each in UTF-8, so every update carries 80 KB), read by 8 concurrent clients
 * (history pages, {@code as_of} and {@code version} folds over the whole history, and the audit trail's largest
 * page) against the runtime in its own process with a 256 MB heap. Every read answers, and the process survives.
 */
class BoundedReadsIT {
    static final String TENANT = "heavy";
    static final String TASK = "heavy-task";

    @TempDir
    Path dataDir;

    @Test
    void history_time_travel_and_the_audit_trail_stay_within_a_256_mb_heap() throws Exception {
        String a = "\uD83D\uDE00".repeat(10_000);
        String b = "\uD83D\uDE03".repeat(10_000);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (SqliteTable table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.NORMAL, Clock.systemUTC())) {
            TaskCommandService service = new TaskCommandService(new Ledger(table, Clock.systemUTC()));
            Actor admin = new Actor("writer", null, Role.ADMIN);
            service.handle(
                    TENANT,
                    TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"heavy\"}"))
                            .get(),
                    new CommandContext(admin, start, TASK, "seed"),
                    Optional.empty());
            for (int v = 1; v < 2_000; v++) {
                JsonNode patch = EventCodec.MAPPER.createObjectNode().put("description", v % 2 == 0 ? a : b);
                service.handle(
                        TENANT,
                        TaskRequests.update(TASK, patch, Precondition.NONE).get(),
                        new CommandContext(admin, start.plusMillis(v), TASK, "seed"),
                        Optional.empty());
            }
        }
        int port = ChildRuntime.freePort();
        Process child = ChildRuntime.start(dataDir, port, 0, "-Xmx256m");
        try {
            Api api = new Api(port);
            String auditor = api.token(TENANT, "reader", null, Role.AUDITOR);
            List<String> reads = List.of(
                    "/tasks/" + TASK + "/history?limit=100",
                    "/tasks/" + TASK + "/history?limit=100",
                    "/tasks/" + TASK + "?as_of=" + start.plusSeconds(3600),
                    "/tasks/" + TASK + "?as_of=" + start.plusMillis(1999),
                    "/tasks/" + TASK + "?version=2000",
                    "/tasks/" + TASK + "?version=1999",
                    "/audit?limit=1000",
                    "/audit?limit=1000&after_sequence=1000");
            for (int round = 0; round < 3; round++) {
                List<Future<Api.Response>> answers = new ArrayList<>();
                try (ExecutorService clients = Executors.newFixedThreadPool(reads.size())) {
                    for (String read : reads) {
                        answers.add(clients.submit(() -> api.send("GET", read, auditor, null, Map.of())));
                    }
                }
                for (int i = 0; i < reads.size(); i++) {
                    Api.Response response = answers.get(i).get();
                    assertThat(response.status()).as(reads.get(i)).isEqualTo(200);
                }
                assertThat(answers.get(4).get().json().get("version").asLong()).isEqualTo(2000);
                assertThat(answers.get(2).get().json().get("description").asText())
                        .isEqualTo(b);
                JsonNode page = answers.get(0).get().json();
                assertThat(page.get("items").size()).isBetween(1, 100);
                assertThat(page.get("next_cursor").isNull()).isFalse();
            }
            // and paging through the whole history with the largest pages still yields every version once
            long expected = 1;
            String cursor = null;
            do {
                JsonNode page = api.send(
                                "GET",
                                "/tasks/" + TASK + "/history?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
                                auditor,
                                null,
                                Map.of())
                        .json();
                for (JsonNode event : page.get("items")) {
                    assertThat(event.get("task_version").asLong()).isEqualTo(expected++);
                }
                cursor = page.get("next_cursor").isNull()
                        ? null
                        : page.get("next_cursor").asText();
            } while (cursor != null);
            assertThat(expected).isEqualTo(2001);
            assertThat(child.isAlive()).isTrue();
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
