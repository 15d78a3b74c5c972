package dev.taskledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The tree canonicalizer agrees with the library's text canonicalizer: on the RFC's example and on random trees. */
class CanonicalJsonProperties {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static String viaText(JsonNode node) throws Exception {
        return CanonicalJson.canonicalString(EventCodec.MAPPER.writeValueAsString(node));
    }

    static String viaTree(JsonNode node) {
        return new String(CanonicalJson.canonicalize(node), StandardCharsets.UTF_8);
    }

    @Test
    void the_rfc_example_canonicalizes_the_same_from_a_tree() throws Exception {
        JsonNode rfc = EventCodec.MAPPER.readTree("{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, "
                + "0.000000000000000000000000001], \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + " \"literals\": [null, true, false]}");
        assertThat(viaTree(rfc)).isEqualTo(viaText(rfc));
    }

    @Test
    void every_sample_event_hashes_the_same_either_way() throws Exception {
        for (EventEnvelope e : EventSamples.chain("karachi-tech")) {
            ObjectNode json = EventCodec.toJson(e);
            assertThat(viaTree(json)).isEqualTo(viaText(json));
        }
    }

    @Property(tries = 500)
    void random_trees_canonicalize_the_same_either_way(@ForAll("trees") JsonNode tree) throws Exception {
        assertThat(visible(viaTree(tree))).isEqualTo(visible(viaText(tree)));
    }

    static String visible(String s) {
        StringBuilder out = new StringBuilder();
        s.chars()
                .forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("<%04x>", c) : String.valueOf((char) c)));
        return out.toString();
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        // valid Unicode only: a lone surrogate is not I-JSON (the field rules refuse it)
        Arbitrary<String> text = Arbitraries.of(
                        "a",
                        "Z",
                        "0",
                        " ",
                        "\"",
                        "\\",
                        "\n",
                        "\t",
                        "\u0001",
                        "\u001f",
                        "\u007f",
                        "\u00e9",
                        "\u20ac",
                        "\u2028",
                        "\ud83d\ude00")
                .list()
                .ofMaxSize(6)
                .map(parts -> String.join("", parts));
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                text.map(NODES::textNode),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(NODES::numberNode),
                Arbitraries.doubles().between(-1e25, 1e25).map(NODES::numberNode),
                Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false)));
        return Arbitraries.recursive(
                () -> leaf,
                inner -> Arbitraries.oneOf(
                        text.list().ofMaxSize(4).flatMap(keys -> inner.list()
                                .ofSize(keys.size())
                                .map(values -> {
                                    ObjectNode object = NODES.objectNode();
                                    for (int i = 0; i < keys.size(); i++) {
                                        object.set(keys.get(i), values.get(i));
                                    }
                                    return (JsonNode) object;
                                })),
                        inner.list().ofMaxSize(4).map(values -> {
                            ArrayNode array = NODES.arrayNode();
                            values.forEach(array::add);
                            return (JsonNode) array;
                        })),
                3);
    }
}
