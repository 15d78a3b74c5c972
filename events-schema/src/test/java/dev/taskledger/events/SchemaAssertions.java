package dev.taskledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;

/** Every event any test produces goes through here: it must conform to the published JSON Schemas. */
public final class SchemaAssertions {
    private SchemaAssertions() {}

    public static void assertConforms(EventEnvelope envelope) {
        assertThat(EventSchemas.validateEnvelope(EventCodec.toJson(envelope)))
                .as("schema violations of event %s", envelope.sequence())
                .isEmpty();
    }

    public static void assertAllConform(Collection<EventEnvelope> envelopes) {
        envelopes.forEach(SchemaAssertions::assertConforms);
    }
}
