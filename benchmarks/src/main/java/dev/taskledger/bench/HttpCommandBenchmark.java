package dev.taskledger.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.Ids;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.local.LocalConfig;
import dev.taskledger.local.LocalRuntime;
import dev.taskledger.table.sqlite.SqliteTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /tasks} over HTTP against the local runtime with 32 concurrent clients, next to the same number of
 * in-process command-service appends on the same store engine (the ratio is the cost of HTTP, JSON, the authorizer
 * and the front door). Prints and writes {@code target/benchmarks/http-commands.json}.
 *
 * <p>Arguments: {@code [seconds, default 30] [clients, default 32]}.
 */
public final class HttpCommandBenchmark {
    static final String BODY = "{\"title\":\"Benchmark task\",\"labels\":[\"bench\"],\"priority\":\"HIGH\"}";

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        ObjectNode http = overHttp(seconds, clients);
        ObjectNode inProcess = inProcess(seconds, clients);
        double ratio =
                http.get("per_second").asDouble() / inProcess.get("per_second").asDouble();
        ObjectNode report = EventCodec.MAPPER.createObjectNode();
        report.put("benchmark", "http-commands");
        report.put("measured_at", Instant.now().toString());
        report.put("seconds", seconds);
        report.put("clients", clients);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.version"));
        report.set("http_post_tasks", http);
        report.set("in_process_appends", inProcess);
        report.put("http_to_in_process_ratio", Math.round(ratio * 1000) / 1000.0);
        Path out = Path.of("target", "benchmarks", "http-commands.json");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out, EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.printf(
                "POST /tasks over HTTP: %s%nin-process appends:    %s%nratio HTTP/in-process: %.2f%nwritten to %s%n",
                http, inProcess, ratio, out.toAbsolutePath());
    }

    static ObjectNode overHttp(int seconds, int clients) throws Exception {
        Path dir = TempDirs.create("bench-http");
        try (LocalRuntime runtime =
                LocalRuntime.start(new LocalConfig(0, dir, Optional.empty()).withRateLimit(100_000, 100_000))) {
            String token =
                    runtime.devIssuer().orElseThrow().mint("bench", "bench-user", "b@example.com", Role.ADMIN, 3600);
            URI uri = URI.create("http://127.0.0.1:" + runtime.port() + "/tasks");
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY))
                    .build();
            return LoadLoop.measure(seconds * 1000L, clients, (thread, i) -> {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("unexpected " + r.statusCode() + " " + r.body());
                }
            });
        }
    }

    static ObjectNode inProcess(int seconds, int clients) throws Exception {
        Path dir = TempDirs.create("bench-inproc");
        try (SqliteTable table = SqliteTable.open(dir.resolve("bench.db"))) {
            TaskCommandService service = new TaskCommandService(new Ledger(table, Clock.systemUTC()));
            Actor actor = new Actor("bench-user", "b@example.com", Role.ADMIN);
            var body = EventCodec.MAPPER.readTree(BODY);
            return LoadLoop.measure(
                    seconds * 1000L,
                    clients,
                    (thread, i) -> service.handle(
                            "bench",
                            TaskRequests.create(body).get(),
                            new CommandContext(actor, Instant.now(), Ids.newId(), "b"),
                            Optional.empty()));
        }
    }
}
