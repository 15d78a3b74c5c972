package dev.taskledger.query;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Priority;
import dev.taskledger.events.Status;
import dev.taskledger.http.FunctionName;
import dev.taskledger.http.FunctionShell;
import dev.taskledger.http.Headers;
import dev.taskledger.http.QueryParams;
import dev.taskledger.http.Responses;
import dev.taskledger.projector.analytics.AnalyticsProjector;
import dev.taskledger.projector.analytics.Counters;
import dev.taskledger.projector.read.ProjectionReader;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code GET /analytics/summary}: renders the analytics projection's counters (SPEC section 6). */
public final class AnalyticsQueryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final FunctionShell SHELL = new FunctionShell(FunctionName.ANALYTICS_QUERIES);
    static final int DAYS = 90;
    private final ProjectionReader analytics;
    private final Clock clock;
    private final Duration maxWait;

    public AnalyticsQueryHandler(ProjectionReader analytics, Clock clock, Duration maxWait) {
        this.analytics = analytics;
        this.clock = clock;
        this.maxWait = maxWait;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SHELL.handle(event, (route, principal, requestId) -> {
            QueryParams params = new QueryParams(event, Set.of());
            if (!params.errors.isEmpty()) {
                return Either.left(params.problem());
            }
            String tenant = principal.tenantId();
            return ReadYourWrites.minSequence(event)
                    .flatMap(min -> ReadYourWrites.await(analytics, tenant, min, maxWait))
                    .map(projected -> {
                        Counters counters = analytics
                                .read(tenant, AnalyticsProjector.SUMMARY)
                                .map(AnalyticsProjector::read)
                                .orElseGet(Counters::empty);
                        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
                        return Responses.json(
                                200,
                                render(tenant, projected, counters, today),
                                Map.of(
                                        Headers.PROJECTED_SEQUENCE,
                                        Long.toString(projected),
                                        Headers.REQUEST_ID,
                                        requestId));
                    });
        });
    }

    /** The summary document; pure, so that tests can recount against it. */
    public static ObjectNode render(String tenant, long projected, Counters counters, LocalDate today) {
        JsonNode c = counters.json;
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        out.put("tenant_id", tenant);
        out.put("projected_sequence", projected);
        ObjectNode totals = out.putObject("totals");
        totals.put("tasks", c.get("tasks").asLong());
        totals.put("deleted", c.get("deleted").asLong());
        totals.set("by_status", zeroFilled(c.get("by_status"), Status.values()));
        out.set("by_priority", zeroFilled(c.get("by_priority"), Priority.values()));
        ArrayNode byAssignee = out.putArray("by_assignee");
        new TreeMap<String, JsonNode>(toMap(c.get("by_assignee"))).forEach((assignee, entry) -> {
            ObjectNode row = byAssignee.addObject();
            if (assignee.isEmpty()) {
                row.putNull("assigned_to");
            } else {
                row.put("assigned_to", assignee);
            }
            row.put("total", entry.get("total").asLong());
            row.set("by_status", zeroFilled(entry.get("by_status"), Status.values()));
        });
        LocalDate since = today.minusDays(DAYS - 1);
        out.set("created_per_day", days(c.get("created_per_day"), since));
        out.set("completed_per_day", days(c.get("completed_per_day"), since));
        JsonNode cycle = c.get("cycle");
        long count = cycle.get("count").asLong();
        ObjectNode cycleTime = out.putObject("cycle_time");
        cycleTime.put("count", count);
        List<Long> buckets = new ArrayList<>();
        cycle.get("buckets").forEach(b -> buckets.add(b.asLong()));
        if (count == 0) {
            cycleTime.putNull("mean_seconds");
            cycleTime.putNull("p50_seconds");
            cycleTime.putNull("p90_seconds");
        } else {
            cycleTime.put("mean_seconds", (double) cycle.get("sum_seconds").asLong() / count);
            cycleTime.put(
                    "p50_seconds",
                    percentile(buckets, count, 0.5, cycle.get("max_seconds").asLong()));
            cycleTime.put(
                    "p90_seconds",
                    percentile(buckets, count, 0.9, cycle.get("max_seconds").asLong()));
        }
        ArrayNode histogram = cycleTime.putArray("histogram");
        for (int i = 0; i < buckets.size(); i++) {
            ObjectNode bucket = histogram.addObject();
            if (i < Counters.BOUNDS.length) {
                bucket.put("le_seconds", Counters.BOUNDS[i]);
            } else {
                bucket.putNull("le_seconds");
            }
            bucket.put("count", buckets.get(i));
        }
        return out;
    }

    /** The upper bound of the bucket holding the percentile (the longest cycle seen, for the open bucket). */
    static long percentile(List<Long> buckets, long count, double p, long max) {
        long target = (long) Math.ceil(p * count);
        long cumulative = 0;
        for (int i = 0; i < buckets.size(); i++) {
            cumulative += buckets.get(i);
            if (cumulative >= target) {
                return i < Counters.BOUNDS.length ? Counters.BOUNDS[i] : max;
            }
        }
        return max;
    }

    private static ObjectNode zeroFilled(JsonNode counts, Enum<?>[] keys) {
        ObjectNode out = EventCodec.MAPPER.createObjectNode();
        for (Enum<?> key : keys) {
            out.put(key.name(), counts == null ? 0 : counts.path(key.name()).asLong(0));
        }
        return out;
    }

    private static ArrayNode days(JsonNode perDay, LocalDate since) {
        ArrayNode out = EventCodec.MAPPER.createArrayNode();
        new TreeMap<String, JsonNode>(toMap(perDay)).forEach((date, count) -> {
            if (!LocalDate.parse(date).isBefore(since) && count.asLong() > 0) {
                out.addObject().put("date", date).put("count", count.asLong());
            }
        });
        return out;
    }

    private static Map<String, JsonNode> toMap(JsonNode object) {
        Map<String, JsonNode> map = new TreeMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
