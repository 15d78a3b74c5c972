package dev.taskledger.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.command.domain.TaskDecider;
import dev.taskledger.command.domain.TaskState;
import dev.taskledger.command.service.Ids;
import dev.taskledger.command.service.TaskStateCodec;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.EventMeta;
import dev.taskledger.events.Priority;
import dev.taskledger.events.Role;
import dev.taskledger.events.Status;
import dev.taskledger.events.TaskCreated;
import dev.taskledger.events.TaskEvent;
import dev.taskledger.events.TaskField;
import dev.taskledger.events.TaskFields;
import dev.taskledger.events.TaskUpdated;
import dev.taskledger.ledger.AppendRequest;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.PendingEvent;
import dev.taskledger.local.DevIssuer;
import dev.taskledger.local.LocalRuntime;
import dev.taskledger.local.StreamPoller;
import dev.taskledger.projector.analytics.AnalyticsProjector;
import dev.taskledger.projector.runtime.ProjectionRuntime;
import dev.taskledger.projector.view.AuditProjector;
import dev.taskledger.projector.view.TaskViewProjector;
import dev.taskledger.table.ChangeRecord;
import dev.taskledger.table.sqlite.SqliteTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads {@code events} ledger events (tasks of 10 events each) into a fresh data directory, times the bulk
 * rebuild of each projection (after an unmeasured warm-up rebuild of a 50,000-event tenant), then starts the runtime as a child process with {@code -Xmx256m} on that directory,
 * measures {@code GET /tasks?limit=25} throughput with 32 clients and reads the process's resident set size.
 * Writes {@code target/benchmarks/rebuild-rss.json}.
 *
 * <p>Arguments: {@code [events, default 1000000] [runtime jar, default ../local-runtime/target/taskledger-local.jar]}.
 */
public final class RebuildBenchmark {
    static final long WARM_UP_EVENTS = 50_000;

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        String jar = args.length > 1 ? args[1] : "../local-runtime/target/taskledger-local.jar";
        Path dir = Files.createTempDirectory("bench-rebuild");
        String tenant = "big";
        ObjectNode report = EventCodec.MAPPER.createObjectNode();
        report.put("benchmark", "rebuild-rss");
        report.put("measured_at", Instant.now().toString());
        report.put("events", events);
        report.put("cores", Runtime.getRuntime().availableProcessors());

        try (SqliteTable table = LocalRuntime.openStore(dir, SqliteTable.Durability.NORMAL, Clock.systemUTC())) {
            Ledger ledger = new Ledger(table, Clock.systemUTC());
            long t0 = System.nanoTime();
            load(ledger, tenant, events);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            report.put("load_seconds", loadSeconds);
            System.out.printf("loaded %d events in %.1f s%n", events, loadSeconds);
            // not measured: each projection rebuilt once on a small tenant, so the JIT has compiled the replay
            // before the big one is timed (as JMH warms up)
            load(ledger, "warm-up", WARM_UP_EVENTS);
            long w0 = System.nanoTime();
            for (var projector : List.of(new TaskViewProjector(), new AnalyticsProjector(), new AuditProjector())) {
                new ProjectionRuntime(ledger, projector).rebuild("warm-up");
            }
            report.put("warm_up_rebuild_seconds", (System.nanoTime() - w0) / 1e9);
            ObjectNode rebuilds = report.putObject("rebuild_events_per_second");
            for (var projector : List.of(new TaskViewProjector(), new AnalyticsProjector(), new AuditProjector())) {
                ProjectionRuntime runtime = new ProjectionRuntime(ledger, projector);
                long r0 = System.nanoTime();
                runtime.rebuild(tenant);
                double seconds = (System.nanoTime() - r0) / 1e9;
                rebuilds.put(projector.name(), Math.round(events / seconds));
                System.out.printf("rebuilt %s: %.0f events/s%n", projector.name(), events / seconds);
            }
            long v0 = System.nanoTime();
            var report0 = dev.taskledger.ledger.ChainVerifier.verify(ledger, tenant, 1, Long.MAX_VALUE);
            double verifySeconds = (System.nanoTime() - v0) / 1e9;
            if (!report0.verified()) {
                throw new IllegalStateException("the loaded ledger does not verify");
            }
            report.put("verify_events_per_second_full_jit", Math.round(events / verifySeconds));
            System.out.printf("verified (full JIT): %.0f events/s%n", events / verifySeconds);

            var signer = new dev.taskledger.query.audit.LocalDigestSigner(
                    new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                            .keyID("bench")
                            .generate(),
                    List.of());
            var digests = new dev.taskledger.query.audit.Digests(ledger, signer, Clock.systemUTC());
            Path exportFile = dir.resolve("export.zip");
            var store = new dev.taskledger.query.audit.ObjectStore() {
                public void put(String key, Writer writer) throws java.io.IOException {
                    try (var out = Files.newOutputStream(exportFile)) {
                        writer.writeTo(out);
                    }
                }

                public void delete(String key) throws java.io.IOException {
                    Files.deleteIfExists(exportFile);
                }

                public URI presignedGet(String key, java.time.Duration ttl) {
                    return exportFile.toUri();
                }
            };
            var exports = new dev.taskledger.query.audit.Exports(ledger, digests, signer, store, Clock.systemUTC());
            exports.request(tenant, "bench-export", 1, Long.MAX_VALUE);
            System.gc();
            var pools = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                    .toList();
            pools.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
            long e0 = System.nanoTime();
            exports.run(tenant, "bench-export");
            double exportSeconds = (System.nanoTime() - e0) / 1e9;
            long peak =
                    pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            report.put("export_seconds", exportSeconds);
            report.put("export_peak_heap_mb", peak / (1024 * 1024));
            report.put("export_bundle_mb", Files.size(exportFile) / (1024 * 1024));
            System.out.printf(
                    "export: %.1f s, peak heap %d MB, bundle %d MB%n",
                    exportSeconds, peak / (1024 * 1024), Files.size(exportFile) / (1024 * 1024));

            // the stream was consumed by the load itself: start the runtime's poller at its end
            List<ChangeRecord> tail = List.of();
            String position = null;
            while (!(tail = table.read(position, 10_000)).isEmpty()) {
                position = tail.getLast().sequenceNumber();
            }
            if (position != null) {
                table.savePosition(StreamPoller.CONSUMER, position);
            }
        }

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long c0 = System.nanoTime();
        Process c1 = new ProcessBuilder(
                        javaBin,
                        "-XX:TieredStopAtLevel=1",
                        "-Xmx256m",
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar,
                        "verify",
                        "--tenant",
                        tenant,
                        "--data-dir",
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("verify-c1.log").toFile())
                .start();
        if (c1.waitFor() != 0) {
            throw new IllegalStateException("verify with C1 failed: " + Files.readString(dir.resolve("verify-c1.log")));
        }
        double c1Seconds = (System.nanoTime() - c0) / 1e9;
        report.put("verify_events_per_second_c1_including_jvm_start", Math.round(events / c1Seconds));
        System.out.printf(
                "verified (-XX:TieredStopAtLevel=1, JVM start included): %.0f events/s%n", events / c1Seconds);

        int port = 18_000 + (int) (ProcessHandle.current().pid() % 1000);
        ProcessBuilder childBuilder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar,
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dir.toString());
        childBuilder.environment().put("TASKLEDGER_RATE_LIMIT_RPS", "1000000");
        childBuilder.environment().put("TASKLEDGER_RATE_LIMIT_BURST", "1000000");
        Process child = childBuilder
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("runtime.log").toFile())
                .start();
        try {
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + port;
            awaitHealth(client, base);
            DevIssuer issuer = DevIssuer.loadOrCreate(dir, Clock.systemUTC());
            String token = issuer.mint(tenant, "bench", null, Role.AUDITOR, 3600);
            HttpRequest list = HttpRequest.newBuilder(URI.create(base + "/tasks?limit=25"))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
            ObjectNode reads = LoadLoop.measure(10_000, 32, (thread, i) -> {
                HttpResponse<String> r = client.send(list, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET /tasks answered " + r.statusCode());
                }
            });
            report.set("get_tasks_limit_25", reads);
            long rssKb = rss(child.pid());
            report.put("runtime_rss_mb", rssKb / 1024);
            report.put("runtime_jvm_options", "-Xmx256m -XX:+UseSerialGC");
            System.out.printf("GET /tasks?limit=25: %s; runtime RSS %d MB%n", reads, rssKb / 1024);
        } finally {
            child.destroy();
            child.waitFor();
            deleteRecursively(dir); // a million events take several GB
        }
        Path out = Path.of("target", "benchmarks", "rebuild-rss.json");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out, EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println(EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** Tasks of ten events each (a creation and nine updates), appended ten events per transaction. */
    static void load(Ledger ledger, String tenant, long events) {
        Actor actor = new Actor("loader", "loader@example.com", Role.ADMIN);
        Status[] statuses = Status.values();
        for (long n = 0; n < events / 10; n++) {
            String taskId = Ids.newId();
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            List<TaskEvent> taskEvents = new ArrayList<>();
            TaskFields fields = new TaskFields(
                    "Task " + n,
                    "Loaded by the rebuild benchmark",
                    Status.OPEN,
                    Priority.values()[(int) (n % 4)],
                    n % 3 == 0 ? "dev" + (n % 50) + "@example.com" : null,
                    null,
                    List.of("bench"));
            taskEvents.add(new TaskCreated(fields));
            Status status = Status.OPEN;
            for (int u = 1; u < 10; u++) {
                Status next = statuses[(int) ((n + u) % statuses.length)];
                Map<TaskField, TaskUpdated.Change> changes = new EnumMap<>(TaskField.class);
                changes.put(
                        TaskField.TITLE,
                        new TaskUpdated.Change("Task " + n + (u == 1 ? "" : " v" + (u - 1)), "Task " + n + " v" + u));
                if (next != status) {
                    changes.put(TaskField.STATUS, new TaskUpdated.Change(status, next));
                    status = next;
                }
                taskEvents.add(new TaskUpdated(changes));
            }
            TaskState state = TaskState.ABSENT;
            List<PendingEvent> pending = new ArrayList<>();
            for (TaskEvent e : taskEvents) {
                state = TaskDecider.evolve(state, e, new EventMeta(taskId, state.version() + 1, now, actor));
                pending.add(new PendingEvent(Ids.newId(), e, now, actor, "bench-load"));
            }
            ledger.append(
                    new AppendRequest(tenant, taskId, 0, pending, TaskStateCodec.encode(state), Optional.empty()));
        }
    }

    static void awaitHealth(HttpClient client, String base) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (client.send(
                                        HttpRequest.newBuilder(URI.create(base + "/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the runtime did not start");
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
