package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.Role;
import dev.taskledger.http.observe.Telemetry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runtime's log lines (the functions' own: JSON, EMF-shaped) and its metrics endpoint. */
class ObservabilityIT {
    @TempDir
    Path dataDir;

    @Test
    void each_request_is_one_json_line_with_ids_and_outcome_and_no_token_or_task_text() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Telemetry.output(lines::add);
        try (LocalRuntime runtime =
                LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000))) {
            Api api = new Api(runtime.port());
            String token = api.token("observed", "obs-1", "obs@observed.dev", Role.ADMIN);
            Api.Response created = api.json(
                    "POST",
                    "/tasks",
                    token,
                    "{'title':'TOP-SECRET-TITLE','description':'private words'}",
                    "X-Correlation-Id",
                    "corr-42",
                    "X-Request-Id",
                    "req-42");
            assertThat(created.status()).isEqualTo(201);
            api.json("POST", "/tasks", token, "{'title':''}"); // a validation rejection
            api.send("GET", "/tasks", token, null, Map.of("X-Ledger-Min-Sequence", "1"));

            JsonNode request = lines.stream()
                    .map(ObservabilityIT::json)
                    .filter(l -> "req-42".equals(l.path("request_id").asText()))
                    .findFirst()
                    .orElseThrow();
            assertThat(request.get("tenant_id").asText()).isEqualTo("observed");
            assertThat(request.get("correlation_id").asText()).isEqualTo("corr-42");
            assertThat(request.get("function").asText()).isEqualTo("TASK_COMMANDS");
            assertThat(request.get("outcome").asText()).isEqualTo("ok");
            assertThat(request.get("status").asInt()).isEqualTo(201);
            assertThat(request.at("/_aws/CloudWatchMetrics/0/Namespace").asText())
                    .isEqualTo("TaskLedger");
            assertThat(request.at("/_aws/CloudWatchMetrics").findValuesAsText("Name"))
                    .contains("Requests", "Commands");
            assertThat(lines).noneSatisfy(l -> assertThat(l).containsAnyOf(token, "TOP-SECRET-TITLE", "private words"));

            JsonNode metrics =
                    api.send("GET", "/dev/metrics", null, null, Map.of()).json();
            assertThat(sum(metrics, "Commands", "outcome", "ok")).isGreaterThanOrEqualTo(1);
            assertThat(sum(metrics, "Rejections", "problem", "validation")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.get("metrics").findValuesAsText("name")).contains("ProjectionLagMs");
        } finally {
            Telemetry.output(Telemetry.stdout(System.out));
        }
    }

    static double sum(JsonNode metrics, String name, String dimension, String value) {
        double total = 0;
        for (JsonNode m : metrics.get("metrics")) {
            if (m.get("name").asText().equals(name)
                    && value.equals(m.path("dimensions").path(dimension).asText())) {
                total += m.get("sum").asDouble();
            }
        }
        return total;
    }

    static JsonNode json(String line) {
        try {
            return EventCodec.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
