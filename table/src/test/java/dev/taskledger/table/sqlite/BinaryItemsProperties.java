package dev.taskledger.table.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskledger.table.Attr;
import dev.taskledger.table.AttrArbitraries;
import dev.taskledger.table.AttrJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The embedded store's binary item form: reads back what it wrote, still reads JSON rows, refuses damaged rows. */
class BinaryItemsProperties {
    @Provide
    Arbitrary<Attr> attrs() {
        return AttrArbitraries.attrs();
    }

    static Map<String, Attr> attributes(Attr a, Attr b, String name) {
        Map<String, Attr> attributes = new LinkedHashMap<>();
        attributes.put("a", a);
        attributes.put(name, b);
        return attributes;
    }

    @Property
    void what_is_written_reads_back_in_order(@ForAll("attrs") Attr a, @ForAll("attrs") Attr b, @ForAll String name) {
        Map<String, Attr> attributes = attributes(a, b, name);
        Map<String, Attr> read = BinaryItems.decode(BinaryItems.encode(attributes));
        assertThat(read).isEqualTo(attributes);
        assertThat(read.keySet()).containsExactlyElementsOf(attributes.keySet());
    }

    @Property
    void rows_written_as_json_by_earlier_versions_still_read(@ForAll("attrs") Attr a, @ForAll("attrs") Attr b) {
        Map<String, Attr> attributes = attributes(a, b, "b");
        byte[] legacy = AttrJson.toJsonString(attributes).getBytes(StandardCharsets.UTF_8);
        assertThat(BinaryItems.decode(legacy)).isEqualTo(attributes);
    }

    @Property
    void a_truncated_row_is_refused_not_misread(@ForAll("attrs") Attr a, @ForAll String name) {
        byte[] full = BinaryItems.encode(attributes(a, a, name));
        for (int length = 1; length < full.length; length++) {
            byte[] truncated = Arrays.copyOf(full, length);
            assertThatThrownBy(() -> BinaryItems.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
