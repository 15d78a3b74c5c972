package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.HashChain;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.Keys;
import dev.taskledger.query.audit.Digests;
import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.WriteOp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auditors' endpoints over HTTP: the trail, verification (and tampering), and the chain of signed digests. */
class AuditOverHttpIT {
    @TempDir
    static Path dataDir;

    static LocalRuntime runtime;
    static Api api;
    static String admin;
    static String auditor;
    static String member;
    static long head;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(new LocalConfig(0, dataDir, Optional.empty()).withRateLimit(100_000, 100_000));
        api = new Api(runtime.port());
        admin = api.token("audited", "admin-1", null, Role.ADMIN);
        auditor = api.token("audited", "auditor-1", null, Role.AUDITOR);
        member = api.token("audited", "member-1", null, Role.MEMBER);
        for (int i = 0; i < 7; i++) {
            Api.Response r = api.json("POST", "/tasks", i % 2 == 0 ? admin : member, "{'title':'t" + i + "'}");
            head = Long.parseLong(r.header("X-Ledger-Sequence"));
        }
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static Api.Response get(String path, String token) {
        return api.send("GET", path, token, null, Map.of("X-Ledger-Min-Sequence", Long.toString(head)));
    }

    @Test
    void the_trail_lists_full_envelopes_in_sequence_order_with_filters_and_paging() {
        Api.Response all = get("/audit", auditor);
        assertThat(all.status()).isEqualTo(200);
        List<Long> sequences = new ArrayList<>();
        all.json().get("items").forEach(e -> sequences.add(e.get("sequence").asLong()));
        assertThat(sequences).startsWith(1L, 2L, 3L).isSorted();
        JsonNode first = all.json().get("items").get(0);
        assertThat(EventCodec.fromJson(first))
                .isEqualTo(
                        runtime.ledger().events("audited", 1, 1, 1).getFirst().envelope());

        Api.Response byActor = get("/audit?actor=member-1", auditor);
        byActor.json()
                .get("items")
                .forEach(e -> assertThat(e.get("actor").get("user_id").asText()).isEqualTo("member-1"));
        assertThat(byActor.json().get("items").size()).isEqualTo(3);

        List<Long> paged = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page =
                    get("/audit?limit=2&after_sequence=1" + (cursor == null ? "" : "&cursor=" + cursor), auditor);
            page.json().get("items").forEach(e -> paged.add(e.get("sequence").asLong()));
            cursor = page.json().get("next_cursor").isNull()
                    ? null
                    : page.json().get("next_cursor").asText();
        } while (cursor != null);
        assertThat(paged).first().isEqualTo(2L);
        assertThat(paged).doesNotHaveDuplicates().isSorted();
        assertThat(get("/audit", member).status()).isEqualTo(403);
        assertThat(get("/audit?limit=1001", auditor).status()).isEqualTo(400);
        assertThat(get("/audit?from=yesterday", auditor).status()).isEqualTo(400);
    }

    @Test
    void an_empty_ledger_verifies_with_nothing_checked() {
        String other = api.token("empty-tenant", "auditor-9", null, Role.AUDITOR);
        JsonNode report =
                api.send("GET", "/audit/verify", other, null, Map.of()).json();
        assertThat(report.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(report.get("checked").asInt()).isZero();
        assertThat(report.get("first_sequence").isNull()).isTrue();
        assertThat(report.get("head_hash").asText()).isEqualTo(HashChain.GENESIS);
    }

    @Test
    void digests_are_signed_chained_and_reissued_only_when_the_head_moves() throws Exception {
        JsonNode first = get("/audit/digest", auditor).json();
        assertThat(first.get("tenant_id").asText()).isEqualTo("audited");
        assertThat(get("/audit/digest", admin).json()).isEqualTo(first);
        assertThat(first.get("hash").asText())
                .isEqualTo(runtime.ledger().head("audited").hash());

        JWKSet keys = JWKSet.parse(
                api.send("GET", "/.well-known/jwks.json", null, null, Map.of()).body());
        JWSObject jws = JWSObject.parse(first.get("signature").asText());
        ECKey key = (ECKey) keys.getKeyByKeyId(jws.getHeader().getKeyID());
        assertThat(key).as("the ledger key is published").isNotNull();
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        JsonNode payload = EventCodec.MAPPER.readTree(jws.getPayload().toString());
        assertThat(payload.get("sequence").asLong())
                .isEqualTo(first.get("sequence").asLong());
        assertThat(payload.get("hash").asText()).isEqualTo(first.get("hash").asText());

        api.json("POST", "/tasks", admin, "{'title':'moves the head'}");
        JsonNode second = get("/audit/digest", auditor).json();
        assertThat(second.get("sequence").asLong())
                .isGreaterThan(first.get("sequence").asLong());
        JsonNode secondPayload = EventCodec.MAPPER.readTree(
                JWSObject.parse(second.get("signature").asText()).getPayload().toString());
        assertThat(secondPayload.get("previous_digest_hash").asText())
                .isEqualTo(Digests.sha256(first.get("signature").asText()));

        JsonNode list = get("/audit/digests", auditor).json();
        assertThat(list.get("items").size()).isGreaterThanOrEqualTo(2);
        assertThat(list.get("items").get(0).get("signature")).isEqualTo(first.get("signature"));
    }

    @Test
    void verify_reproduces_the_head_and_reports_an_edited_event_as_broken_at_its_sequence() {
        String tenant = "tampered";
        String token = api.token(tenant, "admin-t", null, Role.ADMIN);
        long last = 0;
        for (int i = 0; i < 5; i++) {
            last = Long.parseLong(
                    api.json("POST", "/tasks", token, "{'title':'x" + i + "'}").header("X-Ledger-Sequence"));
        }
        JsonNode ok = api.send("GET", "/audit/verify", token, null, Map.of()).json();
        assertThat(ok.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(ok.get("checked").asLong()).isEqualTo(last);
        assertThat(ok.get("head_hash").asText())
                .isEqualTo(runtime.ledger().head(tenant).hash());
        JsonNode ranged = api.send("GET", "/audit/verify?from_sequence=2&to_sequence=3", token, null, Map.of())
                .json();
        assertThat(ranged.get("checked").asInt()).isEqualTo(2);
        assertThat(ranged.get("head_hash").asText())
                .isEqualTo(runtime.ledger()
                        .events(tenant, 3, 3, 1)
                        .getFirst()
                        .envelope()
                        .hash());

        var stored = runtime.ledger().events(tenant, 3, 3, 1).getFirst().json().deepCopy();
        stored.put("correlation_id", "rewritten history");
        runtime.ledger()
                .table()
                .transactWrite(List.of(new WriteOp.Update(
                        Keys.event(tenant, 3), Map.of("event", Attr.s(stored.toString())), Condition.EXISTS)));

        JsonNode broken =
                api.send("GET", "/audit/verify", token, null, Map.of()).json();
        assertThat(broken.get("status").asText()).isEqualTo("BROKEN");
        assertThat(broken.get("failure").get("sequence").asLong()).isEqualTo(3);
    }
}
