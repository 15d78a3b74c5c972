package dev.taskledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixtures under {@code fixtures/<EventType>/v<n>.json} are decoded forever: a new schema version adds fixtures
 * and an upcaster, it never edits these. The three v1 fixtures form one hash chain.
 */
class EventFixturesTest {
    static final List<String> FIXTURES = List.of("TaskCreated/v1.json", "TaskUpdated/v1.json", "TaskDeleted/v1.json");

    static String read(String name) throws IOException {
        try (InputStream in = EventFixturesTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void every_event_type_has_a_fixture_for_every_schema_version() {
        for (EventTypes.EventType type : EventTypes.ALL) {
            for (int v = 1; v <= type.schemaVersion(); v++) {
                assertThat(EventFixturesTest.class.getResource("/fixtures/" + type.name() + "/v" + v + ".json"))
                        .as("fixture of %s v%d", type.name(), v)
                        .isNotNull();
            }
        }
    }

    @Test
    void every_fixture_validates_against_the_json_schemas() throws IOException {
        for (String name : FIXTURES) {
            JsonNode json = EventCodec.MAPPER.readTree(read(name));
            assertThat(EventSchemas.validateEnvelope(json)).as(name).isEmpty();
            EventTypes.EventType type =
                    EventTypes.byName(json.get("event_type").asText()).orElseThrow();
            assertThat(EventSchemas.validateData(type, json.get("data")))
                    .as(name)
                    .isEmpty();
        }
    }

    @Test
    void every_fixture_decodes_and_re_encodes_to_the_same_json() throws IOException {
        for (String name : FIXTURES) {
            JsonNode json = EventCodec.MAPPER.readTree(read(name));
            EventEnvelope decoded = EventCodec.fromJson(json);
            assertThat(EventCodec.toJson(decoded).toString()).as(name).isEqualTo(json.toString());
        }
    }

    @Test
    void the_fixtures_form_a_verifiable_hash_chain_from_genesis() throws IOException {
        String prev = HashChain.GENESIS;
        List<String> hashes = new ArrayList<>();
        for (String name : FIXTURES) {
            ObjectNode json = (ObjectNode) EventCodec.MAPPER.readTree(read(name));
            assertThat(json.get("prev_hash").asText()).as(name).isEqualTo(prev);
            String stored = json.remove("hash").asText();
            assertThat(HashChain.computeHash(prev, json)).as(name).isEqualTo(stored);
            hashes.add(stored);
            prev = stored;
        }
        assertThat(hashes).doesNotHaveDuplicates();
    }
}
