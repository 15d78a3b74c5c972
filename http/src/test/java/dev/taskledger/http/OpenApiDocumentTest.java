package dev.taskledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.taskledger.events.EventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The route table and the OpenAPI document describe the same operations, and the document's examples are valid. */
class OpenApiDocumentTest {
    static final String ID = "https://taskledger.dev/openapi.json";
    final JsonNode doc = read();

    static JsonNode read() {
        try {
            return EventCodec.MAPPER.readTree(OpenApi.document());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void it_is_openapi_3_1() {
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
    }

    @Test
    void the_route_table_and_the_document_list_the_same_operations() {
        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(path -> path.getValue()
                .properties()
                .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " "
                        + op.getValue().get("operationId").asText())));
        Set<String> routed = new TreeSet<>();
        Routes.ALL.forEach(r -> routed.add(r.routeKey() + " " + r.operationId()));

        assertThat(documented).isEqualTo(routed);
    }

    @Test
    void authenticated_routes_and_only_they_require_the_bearer_scheme() {
        for (Route route : Routes.ALL) {
            JsonNode op = doc.get("paths").get(route.path()).get(route.method().toLowerCase(Locale.ROOT));
            boolean secured = op.path("security").size() > 0;
            assertThat(secured).as(route.routeKey()).isEqualTo(route.authenticated());
        }
    }

    @Test
    void every_example_validates_against_its_schema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(ID, OpenApi.document())));
        List<String> checked = new ArrayList<>();
        doc.get("components").get("schemas").properties().forEach(e -> {
            if (e.getValue().has("example")) {
                Schema schema = registry.getSchema(SchemaLocation.of(ID + "#/components/schemas/" + e.getKey()));
                assertThat(schema.validate(e.getValue().get("example")))
                        .as(e.getKey())
                        .isEmpty();
                checked.add(e.getKey());
            }
        });
        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    JsonNode media =
                            op.getValue().path("requestBody").path("content").path("application/json");
                    check(registry, media, op.getValue().get("operationId").asText() + " request", checked);
                    op.getValue().path("responses").properties().forEach(resp -> {
                        JsonNode m = resp.getValue().path("content").path("application/json");
                        check(registry, m, op.getValue().get("operationId").asText() + " " + resp.getKey(), checked);
                    });
                }));
        assertThat(checked).hasSizeGreaterThan(8);
    }

    private void check(SchemaRegistry registry, JsonNode media, String what, List<String> checked) {
        if (!media.has("example") || !media.has("schema")) {
            return;
        }
        String ref = media.get("schema").path("$ref").asText();
        assertThat(ref).as(what).startsWith("#/components/schemas/");
        Schema schema = registry.getSchema(SchemaLocation.of(ID + ref));
        assertThat(schema.validate(media.get("example"))).as(what).isEmpty();
        checked.add(what);
    }
}
