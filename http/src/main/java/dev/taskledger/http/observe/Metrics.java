package dev.taskledger.http.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The process's metrics since it started: per metric and dimension values, the count, sum and maximum. */
public final class Metrics {
    private record Key(String name, Map<String, String> dimensions) {}

    private static final class Series {
        long count;
        double sum;
        double max = Double.NEGATIVE_INFINITY;
    }

    private final ConcurrentMap<Key, Series> series = new ConcurrentHashMap<>();

    void add(Telemetry.Metric metric) {
        Series s =
                series.computeIfAbsent(new Key(metric.name(), new TreeMap<>(metric.dimensions())), k -> new Series());
        synchronized (s) {
            s.count++;
            s.sum += metric.value();
            s.max = Math.max(s.max, metric.value());
        }
    }

    /** The sum of a metric over all its series whose dimensions include {@code match}. */
    public double sum(String name, Map<String, String> match) {
        return series.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name)
                        && e.getKey().dimensions().entrySet().containsAll(match.entrySet()))
                .mapToDouble(e -> {
                    synchronized (e.getValue()) {
                        return e.getValue().sum;
                    }
                })
                .sum();
    }

    /** {@code {"metrics": [{"name", "dimensions", "count", "sum", "max"}]}}, sorted by name. */
    public ObjectNode toJson() {
        ObjectNode json = EventCodec.MAPPER.createObjectNode();
        ArrayNode items = json.putArray("metrics");
        series.entrySet().stream()
                .sorted((a, b) -> (a.getKey().name() + a.getKey().dimensions())
                        .compareTo(b.getKey().name() + b.getKey().dimensions()))
                .forEach(e -> {
                    ObjectNode item = items.addObject().put("name", e.getKey().name());
                    e.getKey().dimensions().forEach(item.putObject("dimensions")::put);
                    synchronized (e.getValue()) {
                        item.put("count", e.getValue().count)
                                .put("sum", e.getValue().sum)
                                .put("max", e.getValue().max);
                    }
                });
        return json;
    }
}
