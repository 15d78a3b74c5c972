package dev.taskledger.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.CommandResult;
import dev.taskledger.command.service.Ids;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Appends per second on the embedded store through the command service (decide + fold + one ledger
 * transaction per command), for 1 tenant × 1 writer, 1 tenant × 8 writers and 50 tenants × 8 writers, in both
 * durability modes. Prints a table and writes {@code target/benchmarks/ledger-appends.json}.
 *
 * <p>Arguments: {@code [seconds per scenario, default 10]}.
 */
public final class LedgerAppendBenchmark {
    record Scenario(int tenants, int writers, SqliteTable.Durability durability) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Scenario> scenarios = new ArrayList<>();
        for (SqliteTable.Durability d : SqliteTable.Durability.values()) {
            scenarios.add(new Scenario(1, 1, d));
            scenarios.add(new Scenario(1, 8, d));
            scenarios.add(new Scenario(50, 8, d));
        }
        ArrayNode results = EventCodec.MAPPER.createArrayNode();
        System.out.printf(
                "%-8s %-8s %-8s %12s %10s %10s %10s%n",
                "tenants", "writers", "sync", "appends/s", "p50 ms", "p99 ms", "max ms");
        for (Scenario s : scenarios) {
            ObjectNode r = run(s, Duration.ofSeconds(seconds));
            results.add(r);
            System.out.printf(
                    "%-8d %-8d %-8s %12.0f %10.2f %10.2f %10.2f%n",
                    s.tenants(),
                    s.writers(),
                    s.durability(),
                    r.get("per_second").asDouble(),
                    r.get("p50_ms").asDouble(),
                    r.get("p99_ms").asDouble(),
                    r.get("max_ms").asDouble());
        }
        ObjectNode report = EventCodec.MAPPER.createObjectNode();
        report.put("benchmark", "ledger-appends");
        report.put("measured_at", Instant.now().toString());
        report.put("seconds_per_scenario", seconds);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.version"));
        report.set("results", results);
        Path out = Path.of("target", "benchmarks", "ledger-appends.json");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out, EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("written to " + out.toAbsolutePath());
    }

    static ObjectNode run(Scenario s, Duration duration) throws Exception {
        Path dir = TempDirs.create("bench-ledger");
        try (SqliteTable table = SqliteTable.open(dir.resolve("bench.db"), s.durability(), Clock.systemUTC())) {
            TaskCommandService service = new TaskCommandService(new Ledger(table, Clock.systemUTC()));
            Actor actor = new Actor("bench", "bench@example.com", Role.ADMIN);
            var body = EventCodec.MAPPER.readTree("{\"title\":\"Benchmark task\",\"labels\":[\"bench\"]}");
            ObjectNode r = LoadLoop.measure(duration.toMillis(), s.writers(), (writer, i) -> {
                String tenant = "tenant-" + ((writer + i) % s.tenants());
                CommandResult result = service.handle(
                        tenant,
                        TaskRequests.create(body).get(),
                        new CommandContext(actor, Instant.now(), Ids.newId(), "bench"),
                        Optional.empty());
                if (!(result instanceof CommandResult.Applied)) {
                    throw new IllegalStateException("unexpected " + result);
                }
            });
            r.put("tenants", s.tenants());
            r.put("writers", s.writers());
            r.put("durability", s.durability().name());
            return r;
        }
    }
}
