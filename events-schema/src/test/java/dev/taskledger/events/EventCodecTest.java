package dev.taskledger.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    @Test
    void an_envelope_has_exactly_the_members_of_the_spec_in_order() {
        ObjectNode json = EventCodec.toJson(EventSamples.chain("karachi-tech").get(0));

        assertThat(json.properties().stream().map(e -> e.getKey()).toList())
                .containsExactly(
                        "event_id",
                        "event_type",
                        "schema_version",
                        "tenant_id",
                        "task_id",
                        "task_version",
                        "sequence",
                        "occurred_at",
                        "actor",
                        "correlation_id",
                        "data",
                        "prev_hash",
                        "hash");
        assertThat(json.get("occurred_at").asText()).isEqualTo("2026-01-15T10:30:00.123Z");
        assertThat(json.get("event_type").asText()).isEqualTo("TaskCreated");
        assertThat(json.get("schema_version").asInt()).isEqualTo(1);
    }

    @Test
    void every_sample_event_round_trips_and_conforms_to_the_schemas() {
        List<EventEnvelope> chain = EventSamples.chain("karachi-tech");
        for (EventEnvelope e : chain) {
            assertThat(EventCodec.fromJsonString(EventCodec.toJsonString(e))).isEqualTo(e);
        }
        SchemaAssertions.assertAllConform(chain);
    }

    @Test
    void updated_data_lists_old_and_new_of_each_changed_field() {
        ObjectNode data = EventCodec.dataToJson(EventSamples.chain("t1").get(1).data());

        assertThat(data.toString())
                .isEqualTo("{\"changes\":{\"status\":{\"old\":\"OPEN\",\"new\":\"IN_PROGRESS\"},"
                        + "\"labels\":{\"old\":[\"devops\"],\"new\":[\"devops\",\"ci\"]}}}");
    }

    @Nested
    class Decoding_refuses {
        ObjectNode valid() {
            return EventCodec.toJson(EventSamples.chain("karachi-tech").get(0));
        }

        @Test
        void an_unknown_event_type() {
            ObjectNode json = valid().put("event_type", "TaskExploded");
            assertThatThrownBy(() -> EventCodec.fromJson(json))
                    .isInstanceOf(EventDecodingException.class)
                    .hasMessageContaining("TaskExploded");
        }

        @Test
        void a_future_schema_version() {
            ObjectNode json = valid().put("schema_version", 2);
            assertThatThrownBy(() -> EventCodec.fromJson(json)).isInstanceOf(EventDecodingException.class);
        }

        @Test
        void an_unknown_member() {
            ObjectNode json = valid().put("extra", 1);
            assertThatThrownBy(() -> EventCodec.fromJson(json))
                    .isInstanceOf(EventDecodingException.class)
                    .hasMessageContaining("extra");
        }

        @Test
        void a_missing_member() {
            ObjectNode json = valid();
            json.remove("sequence");
            assertThatThrownBy(() -> EventCodec.fromJson(json))
                    .isInstanceOf(EventDecodingException.class)
                    .hasMessageContaining("sequence");
        }

        @Test
        void a_created_event_with_a_null_title() {
            ObjectNode json = valid();
            ((ObjectNode) json.get("data")).putNull("title");
            assertThatThrownBy(() -> EventCodec.fromJson(json)).isInstanceOf(EventDecodingException.class);
        }

        @Test
        void an_unknown_status() {
            ObjectNode json = valid();
            ((ObjectNode) json.get("data")).put("status", "LOST");
            assertThatThrownBy(() -> EventCodec.fromJson(json)).isInstanceOf(EventDecodingException.class);
        }
    }
}
