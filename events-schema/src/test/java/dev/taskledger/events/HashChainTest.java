package dev.taskledger.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashChainTest {

    @Test
    void the_hash_is_sha256_of_the_previous_hash_bytes_then_the_canonical_event_without_hash() throws Exception {
        EventEnvelope first = EventSamples.chain("karachi-tech").get(0);
        ObjectNode json = EventCodec.toJson(first);
        json.remove("hash");

        // the documented recipe, written out independently
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(new byte[32]);
        sha.update(CanonicalJson.canonicalString(json.toString()).getBytes(StandardCharsets.UTF_8));

        assertThat(first.hash()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        assertThat(first.prevHash()).isEqualTo(HashChain.GENESIS);
    }

    @Test
    void each_event_links_to_the_previous_hash() {
        List<EventEnvelope> chain = EventSamples.chain("karachi-tech");

        assertThat(chain.get(1).prevHash()).isEqualTo(chain.get(0).hash());
        assertThat(chain.get(2).prevHash()).isEqualTo(chain.get(1).hash());
        chain.forEach(e -> assertThat(HashChain.computeHash(e)).isEqualTo(e.hash()));
    }

    @Test
    void changing_any_member_changes_the_hash() {
        EventEnvelope e = EventSamples.chain("karachi-tech").get(0);
        EventEnvelope edited = new EventEnvelope(
                e.eventId(),
                e.tenantId(),
                e.taskId(),
                e.taskVersion(),
                e.sequence(),
                e.occurredAt(),
                e.actor(),
                "other-correlation",
                e.data(),
                e.prevHash(),
                e.hash());

        assertThat(HashChain.computeHash(edited)).isNotEqualTo(e.hash());
    }

    @Test
    void the_hash_does_not_depend_on_member_order() {
        EventEnvelope e = EventSamples.chain("karachi-tech").get(1);
        ObjectNode json = EventCodec.toJson(e);
        json.remove("hash");
        ObjectNode reordered = EventCodec.MAPPER.createObjectNode();
        List<String> names =
                json.properties().stream().map(p -> p.getKey()).toList().reversed();
        names.forEach(n -> reordered.set(n, json.get(n)));

        assertThat(HashChain.computeHash(e.prevHash(), reordered)).isEqualTo(e.hash());
    }
}
