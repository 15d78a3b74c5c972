package dev.taskledger.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.local.LocalConfig;
import dev.taskledger.local.LocalRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Projection lag: the time from a command's acknowledgement ({@code 201} received, with its
 * {@code X-Ledger-Sequence}) to the moment the task view reports that sequence as applied — at a fixed 500
 * commands/s (open loop) and at the maximum sustained rate (32 closed-loop clients). Writes
 * {@code target/benchmarks/projection-lag.json}.
 *
 * <p>Arguments: {@code [seconds per phase, default 20]}.
 */
public final class ProjectionBenchmark {
    static final String BODY = "{\"title\":\"Lag probe\",\"labels\":[\"bench\"]}";

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ObjectNode report = EventCodec.MAPPER.createObjectNode();
        report.put("benchmark", "projection-lag");
        report.put("measured_at", Instant.now().toString());
        report.put("seconds_per_phase", seconds);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.set("at_500_per_second", phase(seconds, 500, 0));
        report.set("at_max_rate_32_clients", phase(seconds, 0, 32));
        Path out = Path.of("target", "benchmarks", "projection-lag.json");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out, EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println(EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** {@code rate} > 0: open loop at that rate; else {@code clients} closed-loop senders. */
    static ObjectNode phase(int seconds, int rate, int clients) throws Exception {
        Path dir = TempDirs.create("bench-lag");
        try (LocalRuntime runtime =
                LocalRuntime.start(new LocalConfig(0, dir, Optional.empty()).withRateLimit(100_000, 100_000))) {
            String tenant = "lag";
            String token = runtime.devIssuer().orElseThrow().mint(tenant, "bench", null, Role.ADMIN, 3600);
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + "/tasks"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY))
                    .build();
            LagMonitor lag = new LagMonitor(() -> runtime.taskView().projectedSequence(tenant));
            AtomicLong sent = new AtomicLong();
            Runnable send = () -> {
                try {
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    long ack = System.nanoTime();
                    if (r.statusCode() == 201) {
                        lag.acknowledged(
                                Long.parseLong(r.headers()
                                        .firstValue("X-Ledger-Sequence")
                                        .orElseThrow()),
                                ack);
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            // warm-up: 3 s of load, not measured
            for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
                client.send(request, HttpResponse.BodyHandlers.discarding());
            }
            Thread.sleep(500);
            long t0 = System.nanoTime();
            if (rate > 0) {
                ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(16);
                scheduler.scheduleAtFixedRate(
                        () -> scheduler.execute(send), 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);
                Thread.sleep(seconds * 1000L);
                scheduler.shutdownNow();
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } else {
                AtomicBoolean stop = new AtomicBoolean();
                Thread[] threads = new Thread[clients];
                for (int i = 0; i < clients; i++) {
                    threads[i] = Thread.ofPlatform().start(() -> {
                        while (!stop.get()) {
                            send.run();
                        }
                    });
                }
                Thread.sleep(seconds * 1000L);
                stop.set(true);
                for (Thread t : threads) {
                    t.join();
                }
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            lag.finish(30_000);
            ObjectNode r = EventCodec.MAPPER.createObjectNode();
            r.put("commands", sent.get());
            r.put("commands_per_second", Math.round(sent.get() / elapsed));
            r.put("lag_p50_ms", lag.percentileMillis(50));
            r.put("lag_p99_ms", lag.percentileMillis(99));
            r.put("lag_max_ms", lag.maxMillis());
            r.put("samples", lag.samples());
            return r;
        }
    }
}
