package dev.taskledger.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The DynamoDB-JSON codec (change records, earlier stores' rows): what it writes is what the tree form writes, it
 * reads back what it wrote, it refuses what is not DynamoDB JSON; and the item size counts UTF-8 bytes exactly.
 */
class AttrJsonProperties {
    @Provide
    Arbitrary<Attr> attrs() {
        return AttrArbitraries.attrs();
    }

    @Property
    void what_is_written_matches_the_tree_form_and_reads_back(
            @ForAll("attrs") Attr a, @ForAll("attrs") Attr b, @ForAll String name) throws Exception {
        Map<String, Attr> attributes = new LinkedHashMap<>();
        attributes.put("a", a);
        attributes.put(name, b);

        String streamed = AttrJson.toJsonString(attributes);

        assertThat(streamed).isEqualTo(new ObjectMapper().writeValueAsString(AttrJson.toJson(attributes)));
        assertThat(AttrJson.fromJsonString(streamed)).isEqualTo(attributes);
    }

    @Property
    void the_item_size_counts_utf8_bytes_exactly(@ForAll String value) {
        Item item = Item.of(new Key("P", "S")).with("v", value).build();
        boolean wellFormed = value.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
        if (wellFormed) {
            assertThat(ItemSize.of(item)).isEqualTo(2 + 1 + 2 + 1 + 1 + value.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Property
    void the_quick_bound_is_never_below_the_exact_size(@ForAll("attrs") Attr a, @ForAll String name) {
        Map<String, Attr> attributes = new LinkedHashMap<>();
        attributes.put(name, a);
        assertThat(ItemSize.bound(attributes)).isGreaterThanOrEqualTo(ItemSize.ofAttributes(attributes));
    }

    @Test
    void what_is_not_dynamodb_json_is_refused() {
        for (String bad : List.of(
                "[]",
                "{\"a\":{}}",
                "{\"a\":{\"S\":\"x\",\"N\":\"1\"}}",
                "{\"a\":{\"S\":1}}",
                "{\"a\":{\"BOOL\":\"yes\"}}",
                "{\"a\":{\"X\":\"1\"}}",
                "{\"a\":{\"L\":{}}}",
                "{\"a\":",
                "not json")) {
            assertThatThrownBy(() -> AttrJson.fromJsonString(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
