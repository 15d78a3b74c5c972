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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load driver: the local runtime (in this JVM) over HTTP, scenario by scenario, with HdrHistogram latencies —
 * create-heavy for 1 tenant and for 50; update-heavy on 5 hot tasks; 80/20 read/write; {@code GET /tasks?limit=25};
 * 500 commands/s open loop with its command latency and projection lag; and the noisy neighbour (one tenant at 5×
 * its rate limit beside a quiet one). Reports throughput, p50/p95/p99/max, lag and the JVM's peak RSS (driver
 * included), after a 4-second warm-up that is reported but not measured. Writes {@code target/benchmarks/load.json}. Argument: seconds per scenario (default 12).
 */
public final class LoadDriver {
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final long WARM_UP_MILLIS = 4_000;
    static final String CREATE = "{\"title\":\"Load task\",\"labels\":[\"load\"],\"priority\":\"HIGH\"}";

    record Target(LocalRuntime runtime, String base) implements AutoCloseable {
        String token(String tenant) {
            return runtime.devIssuer().orElseThrow().mint(tenant, "load-" + tenant, null, Role.ADMIN, 7200);
        }

        @Override
        public void close() {
            runtime.close();
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        if (args.length > 1 && args[1].equals("noisy-only")) {
            System.out.println(noisyNeighbour(seconds * 1000L).toPrettyString());
            System.exit(0);
        }
        if (args.length > 1 && args[1].equals("quiet")) {
            dev.taskledger.http.observe.Telemetry.output(line -> {}); // to compare: the cost of the log lines
        }
        long millis = seconds * 1000L;
        ObjectNode report = EventCodec.MAPPER.createObjectNode();
        report.put("benchmark", "load");
        report.put("measured_at", Instant.now().toString());
        report.put("seconds_per_scenario", seconds);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        ObjectNode scenarios = report.putObject("scenarios");
        try (Target t = open(100_000, 100_000)) {
            String one = t.token("load-one");
            // not measured: the runtime's code paths compiled by the JIT before the first scenario, as JMH warms up
            String warm = t.token("load-warm-up");
            report.set("warm_up", LoadLoop.measure(WARM_UP_MILLIS, 32, (thread, i) -> {
                if (i % 4 == 3) {
                    expect(send(t, warm, "GET", "/tasks?limit=25", null), 200);
                } else {
                    post(t, warm, "/tasks", CREATE);
                }
            }));
            scenarios.set(
                    "create_heavy_1_tenant_32_clients",
                    LoadLoop.measure(millis, 32, (thread, i) -> post(t, one, "/tasks", CREATE)));
            List<String> tenants = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tenants.add(t.token("load-t" + i));
            }
            scenarios.set(
                    "create_heavy_50_tenants_32_clients",
                    LoadLoop.measure(
                            millis,
                            32,
                            (thread, i) -> post(t, tenants.get((int) ((thread * 7 + i) % 50)), "/tasks", CREATE)));
            List<String> hot = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                hot.add(EventCodec.MAPPER
                        .readTree(send(t, one, "POST", "/tasks", CREATE).body())
                        .get("task_id")
                        .asText());
            }
            String[] statuses = {"OPEN", "IN_PROGRESS", "DONE"};
            scenarios.set("update_heavy_5_hot_tasks_32_clients", LoadLoop.measure(millis, 32, (thread, i) -> {
                String id = hot.get(ThreadLocalRandom.current().nextInt(hot.size()));
                expect(send(t, one, "PATCH", "/tasks/" + id, "{\"status\":\"" + statuses[(int) (i % 3)] + "\"}"), 200);
            }));
            scenarios.set("mixed_80_read_20_write_32_clients", LoadLoop.measure(millis, 32, (thread, i) -> {
                int dice = ThreadLocalRandom.current().nextInt(10);
                if (dice < 2) {
                    post(t, one, "/tasks", CREATE);
                } else if (dice < 6) {
                    expect(send(t, one, "GET", "/tasks/" + hot.get(dice % hot.size()), null), 200);
                } else {
                    expect(send(t, one, "GET", "/tasks?limit=25", null), 200);
                }
            }));
            scenarios.set(
                    "list_tasks_limit_25_32_clients",
                    LoadLoop.measure(
                            millis, 32, (thread, i) -> expect(send(t, one, "GET", "/tasks?limit=25", null), 200)));
            scenarios.set("open_loop_500_commands_per_second", openLoopWithLag(t, millis, 500));
        }
        scenarios.set("noisy_neighbour", noisyNeighbour(millis));
        report.put("peak_rss_mb_driver_and_runtime", peakRssMb());
        ObjectNode targets = report.putObject("targets");
        targets.put("commands_per_second_min", 1500);
        targets.put("command_p99_ms_at_500_per_second_max", 50);
        targets.put("projection_lag_p99_ms_at_500_per_second_max", 100);
        targets.put("list_tasks_per_second_min", 5000);
        targets.put("noisy_neighbour_p99_increase_max_percent", 20);
        Path out = Path.of("target", "benchmarks", "load.json");
        Files.createDirectories(out.getParent());
        String json = EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        Files.writeString(out, json);
        System.out.println(json);
        System.out.println("written to " + out.toAbsolutePath());
        System.exit(0);
    }

    static Target open(double rate, double burst) throws Exception {
        Path dir = TempDirs.create("bench-load");
        LocalRuntime runtime = LocalRuntime.start(new LocalConfig(0, dir, Optional.empty()).withRateLimit(rate, burst));
        return new Target(runtime, "http://127.0.0.1:" + runtime.port());
    }

    static HttpResponse<String> send(Target t, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(t.base() + path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void post(Target t, String token, String path, String body) throws Exception {
        expect(send(t, token, "POST", path, body), 201);
    }

    static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    "expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
    }

    /** Commands at a fixed rate (latency from the intended send time: no coordinated omission) and their lag. */
    static ObjectNode openLoopWithLag(Target t, long millis, int rate) throws Exception {
        String tenant = "load-lag";
        String token = t.token(tenant);
        AtomicBoolean measuring = new AtomicBoolean(false);
        LagMonitor lag = new LagMonitor(() -> t.runtime().taskView().projectedSequence(tenant));
        ObjectNode latency = openLoop(
                millis,
                rate,
                (i, measured) -> {
                    HttpResponse<String> r = send(t, token, "POST", "/tasks", CREATE);
                    long ack = System.nanoTime();
                    expect(r, 201);
                    if (measured) { // the same calls as the latency figures: one lag sample per acknowledged command
                        lag.acknowledged(
                                Long.parseLong(r.headers()
                                        .firstValue("X-Ledger-Sequence")
                                        .orElseThrow()),
                                ack);
                    }
                },
                measuring);
        lag.finish(30_000);
        ObjectNode result = latency;
        result.put("projection_lag_p50_ms", lag.percentileMillis(50));
        result.put("projection_lag_p95_ms", lag.percentileMillis(95));
        result.put("projection_lag_p99_ms", lag.percentileMillis(99));
        result.put("projection_lag_max_ms", lag.maxMillis());
        result.put("projection_lag_samples", lag.samples());
        return result;
    }

    interface Call {
        void run() throws Exception;
    }

    /** {@code rate} calls per second for {@code millis} after a 3 s warm-up; latency from each call's intended start. */
    /** One call of an open loop: its index, and whether it falls in the measured window (after the warm-up). */
    interface Step {
        void run(int index, boolean measured) throws Exception;
    }

    static ObjectNode openLoop(long millis, int rate, Step calls, AtomicBoolean measuring) throws Exception {
        Recorder latencies = new Recorder(3);
        AtomicLong failures = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long interval = 1_000_000_000L / rate;
        long warmup = 3_000_000_000L;
        long start = System.nanoTime();
        long end = start + warmup + millis * 1_000_000L;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            long n = 0;
            for (long intended = start; intended < end; intended = start + (++n) * interval) {
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (n == warmup / interval) {
                    latencies.reset();
                    measuring.set(true);
                }
                long scheduled = intended;
                boolean measured = measuring.get();
                int index = (int) n;
                pool.execute(() -> {
                    try {
                        calls.run(index, measured);
                        if (measured) {
                            latencies.recordValue(System.nanoTime() - scheduled);
                            done.incrementAndGet();
                        }
                    } catch (Exception e) {
                        if (measured) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        measuring.set(false);
        Histogram h = latencies.getIntervalHistogram();
        ObjectNode r = EventCodec.MAPPER.createObjectNode();
        r.put("rate_per_second", rate);
        r.put("count", done.get());
        r.put("failures", failures.get());
        r.put("p50_ms", h.getValueAtPercentile(50) / 1e6);
        r.put("p95_ms", h.getValueAtPercentile(95) / 1e6);
        r.put("p99_ms", h.getValueAtPercentile(99) / 1e6);
        r.put("max_ms", h.getMaxValue() / 1e6);
        return r;
    }

    /**
     * A runtime with a per-tenant limit of 100 requests/s (burst 200). The quiet tenant sends 80 commands/s in
     * three conditions, three rounds each: alone; beside a neighbour sending at its limit (100/s); beside the
     * neighbour sending 5× its limit (500/s, the excess answered 429). The target compares the quiet tenant's p99
     * beside the 5× neighbour with its p99 beside the same neighbour at its limit — what the rate limit must
     * isolate is the excess — and the report gives the p99 alone too.
     */
    static ObjectNode noisyNeighbour(long millis) throws Exception {
        ObjectNode result = EventCodec.MAPPER.createObjectNode();
        long window = Math.max(6000, millis);
        try (Target t = open(100, 200)) {
            String quiet = t.token("quiet-co");
            String noisy = t.token("noisy-co");
            List<Double> alone = new ArrayList<>();
            List<Double> atLimit = new ArrayList<>();
            List<Double> atFiveTimes = new ArrayList<>();
            AtomicLong limited = new AtomicLong();
            AtomicLong accepted = new AtomicLong();
            var rounds = result.putArray("rounds");
            for (int round = 0; round < 3; round++) {
                double a = quietP99(t, quiet, window, null, 0, limited, accepted);
                double l = quietP99(t, quiet, window, noisy, 100, limited, accepted);
                double f = quietP99(t, quiet, window, noisy, 500, limited, accepted);
                alone.add(a);
                atLimit.add(l);
                atFiveTimes.add(f);
                rounds.addObject()
                        .put("quiet_alone_p99_ms", a)
                        .put("quiet_beside_neighbour_at_limit_p99_ms", l)
                        .put("quiet_beside_neighbour_at_5x_limit_p99_ms", f);
            }
            double baseline = median(atLimit);
            double noisyP99 = median(atFiveTimes);
            result.put("quiet_alone_p99_ms_median", median(alone));
            result.put("quiet_beside_neighbour_at_limit_p99_ms_median", baseline);
            result.put("quiet_beside_neighbour_at_5x_limit_p99_ms_median", noisyP99);
            result.put("neighbour_accepted", accepted.get());
            result.put("neighbour_rate_limited_429", limited.get());
            result.put("quiet_p99_increase_percent", Math.round((noisyP99 - baseline) / baseline * 1000) / 10.0);
            result.put(
                    "quiet_p99_increase_vs_alone_percent",
                    Math.round((noisyP99 - median(alone)) / median(alone) * 1000) / 10.0);
        }
        return result;
    }

    /** The quiet tenant's p99 over one window at 80 commands/s, the neighbour sending {@code neighbourRate}/s. */
    static double quietP99(
            Target t,
            String quiet,
            long window,
            String noisy,
            int neighbourRate,
            AtomicLong limited,
            AtomicLong accepted)
            throws Exception {
        Thread flood = null;
        if (noisy != null) {
            flood = Thread.ofPlatform().start(() -> {
                try {
                    openLoop(
                            window + 3500,
                            neighbourRate,
                            (i, measured) -> {
                                int status =
                                        send(t, noisy, "POST", "/tasks", CREATE).statusCode();
                                (status == 429 ? limited : accepted).incrementAndGet();
                            },
                            new AtomicBoolean());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
        }
        ObjectNode q = openLoop(window, 80, (i, measured) -> post(t, quiet, "/tasks", CREATE), new AtomicBoolean());
        if (flood != null) {
            flood.join();
        }
        return q.get("p99_ms").asDouble();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
