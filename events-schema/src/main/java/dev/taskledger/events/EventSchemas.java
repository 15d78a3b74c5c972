package dev.taskledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * Validates event JSON against the published JSON Schemas (draft 2020-12) bundled under {@code schemas/}.
 * Schema ids under {@code https://taskledger.dev/schemas/} resolve to the class path, so nothing is fetched.
 */
public final class EventSchemas {
    public static final String BASE = "https://taskledger.dev/schemas/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(r -> r.mapPrefix(BASE, "classpath:schemas/")));
    private static final Schema ENVELOPE = REGISTRY.getSchema(SchemaLocation.of(BASE + "envelope.v1.schema.json"));

    private EventSchemas() {}

    /** Validation messages for an envelope; empty when it conforms. */
    public static List<String> validateEnvelope(JsonNode envelope) {
        return messages(ENVELOPE.validate(envelope));
    }

    /** Validation messages for one event type's {@code data}; empty when it conforms. */
    public static List<String> validateData(EventTypes.EventType type, JsonNode data) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(BASE + type.dataSchema()));
        return messages(schema.validate(data));
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
