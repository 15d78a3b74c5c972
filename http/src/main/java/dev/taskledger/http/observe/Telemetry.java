package dev.taskledger.http.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes telemetry: each record is one JSON line with {@code level}, {@code message}, the given fields (ids,
 * outcomes, never tokens, secrets or task text — callers pass only those) and, when it carries a metric, the EMF
 * metadata that makes CloudWatch extract it (namespace {@value #NAMESPACE}; dimensions are low-cardinality fields
 * only, never the tenant). The same metric is added to the process's {@link Metrics}.
 */
public final class Telemetry {
    public static final String NAMESPACE = "TaskLedger";
    private static final Metrics METRICS = new Metrics();
    private static volatile Consumer<String> out = stdout(System.out);
    private static volatile Clock clock = Clock.systemUTC();

    private Telemetry() {}

    /** A metric: name, value, unit ({@code Count}, {@code Milliseconds}), and its dimensions. */
    public record Metric(String name, double value, String unit, Map<String, String> dimensions) {
        public static Metric count(String name, Map<String, String> dimensions) {
            return new Metric(name, 1, "Count", dimensions);
        }

        public static Metric millis(String name, double value, Map<String, String> dimensions) {
            return new Metric(name, value, "Milliseconds", dimensions);
        }
    }

    public static Metrics metrics() {
        return METRICS;
    }

    /** Sends the lines elsewhere (tests), or back to stdout. */
    public static void output(Consumer<String> lines) {
        out = lines;
    }

    public static Consumer<String> stdout(PrintStream stream) {
        return stream::println;
    }

    public static void record(String level, String message, Map<String, ?> fields, Metric metric) {
        record(level, message, fields, metric == null ? java.util.List.of() : java.util.List.of(metric));
    }

    /**
     * A failure, on the same JSON channel as every other line: its message, the fields, the error's type and message,
     * and the first frames of its stack (bounded; never a request's data). The one log channel of the project: no
     * java.util.logging lines beside the JSON lines.
     */
    public static void failure(String level, String message, Map<String, ?> fields, Throwable error) {
        java.util.Map<String, Object> all = new java.util.LinkedHashMap<>(fields);
        all.put("error_type", error.getClass().getName());
        all.put("error", String.valueOf(error.getMessage()));
        StringBuilder stack = new StringBuilder();
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(20, frames.length); i++) {
            stack.append(frames[i]).append('\n');
        }
        all.put("stack", stack.toString());
        record(level, message, all, java.util.List.of());
    }

    /** One log record carrying any number of metrics. {@code fields} must hold no secret and no task text. */
    public static void record(String level, String message, Map<String, ?> fields, java.util.List<Metric> metrics) {
        ObjectNode line = EventCodec.MAPPER.createObjectNode();
        long now = clock.millis();
        line.put("timestamp", now);
        line.put("level", level);
        line.put("message", message);
        new TreeMap<>(fields).forEach((k, v) -> put(line, k, v));
        if (!metrics.isEmpty()) {
            var directives = line.putObject("_aws").put("Timestamp", now).putArray("CloudWatchMetrics");
            for (Metric metric : metrics) {
                metric.dimensions().forEach(line::put);
                line.put(metric.name(), metric.value());
                ObjectNode directive = directives.addObject().put("Namespace", NAMESPACE);
                var dimensions = directive.putArray("Dimensions").addArray();
                metric.dimensions().keySet().stream().sorted().forEach(dimensions::add);
                directive
                        .putArray("Metrics")
                        .addObject()
                        .put("Name", metric.name())
                        .put("Unit", metric.unit());
                METRICS.add(metric);
            }
        }
        out.accept(line.toString());
    }

    /** Plain values directly; anything else through the mapper ({@code valueToTree} costs more than the line). */
    private static void put(ObjectNode line, String name, Object value) {
        switch (value) {
            case null -> line.putNull(name);
            case String text -> line.put(name, text);
            case Integer number -> line.put(name, number);
            case Long number -> line.put(name, number);
            case Double number -> line.put(name, number);
            case Boolean flag -> line.put(name, flag);
            default -> line.set(name, EventCodec.MAPPER.valueToTree(value));
        }
    }
}
