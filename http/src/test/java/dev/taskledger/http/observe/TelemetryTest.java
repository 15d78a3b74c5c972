package dev.taskledger.http.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskledger.events.EventCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryTest {
    final List<String> lines = new ArrayList<>();

    @AfterEach
    void restore() {
        Telemetry.output(Telemetry.stdout(System.out));
    }

    @Test
    void a_record_is_one_json_line_whose_fields_keep_their_json_types_and_whose_metric_is_emf() throws Exception {
        Telemetry.output(lines::add);
        Map<String, Object> fields = new HashMap<>();
        fields.put("tenant_id", "acme");
        fields.put("status", 201);
        fields.put("sequence", 42L);
        fields.put("duration_ms", 1.5);
        fields.put("replayed", false);
        fields.put("cursor", null);
        fields.put("labels", List.of("a", "b"));

        Telemetry.record(
                "INFO", "request", fields, Telemetry.Metric.count("Requests", Map.of("function", "TASK_COMMANDS")));

        assertThat(lines).hasSize(1);
        JsonNode line = EventCodec.MAPPER.readTree(lines.getFirst());
        assertThat(line.get("tenant_id").isTextual()).isTrue();
        assertThat(line.get("status").isInt()).isTrue();
        assertThat(line.get("sequence").asLong()).isEqualTo(42);
        assertThat(line.get("duration_ms").asDouble()).isEqualTo(1.5);
        assertThat(line.get("replayed").isBoolean()).isTrue();
        assertThat(line.get("cursor").isNull()).isTrue();
        assertThat(line.get("labels").isArray()).isTrue();
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText()).isEqualTo("Requests");
        assertThat(line.get("Requests").asDouble()).isEqualTo(1.0);
        assertThat(line.get("function").asText()).isEqualTo("TASK_COMMANDS");
    }
}
