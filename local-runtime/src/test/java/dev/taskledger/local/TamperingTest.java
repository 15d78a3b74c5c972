package dev.taskledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskledger.command.domain.CommandContext;
import dev.taskledger.command.request.TaskRequests;
import dev.taskledger.command.service.TaskCommandService;
import dev.taskledger.events.Actor;
import dev.taskledger.events.EventCodec;
import dev.taskledger.events.HashChain;
import dev.taskledger.events.Role;
import dev.taskledger.ledger.ChainVerifier;
import dev.taskledger.ledger.Keys;
import dev.taskledger.ledger.Ledger;
import dev.taskledger.ledger.StoredEvent;
import dev.taskledger.query.audit.Digests;
import dev.taskledger.query.audit.LocalDigestSigner;
import dev.taskledger.table.Attr;
import dev.taskledger.table.Condition;
import dev.taskledger.table.Item;
import dev.taskledger.table.WriteOp;
import dev.taskledger.table.sqlite.SqliteTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering directly in the store: verification reports BROKEN at the right sequence; a forger who recomputes the
 * whole chain after an edit passes verification, but an earlier digest no longer matches.
 */
class TamperingTest {
    @TempDir
    Path dataDir;

    SqliteTable table;
    Ledger ledger;
    static final String TENANT = "victim";

    @BeforeEach
    void seed() throws Exception {
        table = LocalRuntime.openStore(dataDir, SqliteTable.Durability.NORMAL, Clock.systemUTC());
        ledger = new Ledger(table, Clock.systemUTC());
        TaskCommandService service = new TaskCommandService(ledger);
        for (int i = 0; i < 8; i++) {
            service.handle(
                    TENANT,
                    TaskRequests.create(EventCodec.MAPPER.readTree("{\"title\":\"t" + i + "\"}"))
                            .get(),
                    new CommandContext(
                            new Actor("a", null, Role.ADMIN),
                            Instant.now().truncatedTo(ChronoUnit.MILLIS),
                            "task-" + i,
                            "c"),
                    Optional.empty());
        }
    }

    @AfterEach
    void close() {
        table.close();
    }

    ObjectNode stored(long sequence) {
        return ledger.events(TENANT, sequence, sequence, 1).getFirst().json().deepCopy();
    }

    void overwrite(long sequence, ObjectNode json) {
        table.transactWrite(List.of(new WriteOp.Update(
                Keys.event(TENANT, sequence), Map.of("event", Attr.s(json.toString())), Condition.EXISTS)));
    }

    /** Verified sequentially and in chunks of 3 (joined across chunk boundaries): both must agree. */
    ChainVerifier.Report verify() {
        ChainVerifier.Report sequential = ChainVerifier.verify(ledger, TENANT, 1, Long.MAX_VALUE, Integer.MAX_VALUE);
        for (int chunk : new int[] {1, 2, 3}) {
            ChainVerifier.Report chunked = ChainVerifier.verify(ledger, TENANT, 1, Long.MAX_VALUE, chunk);
            assertThat(chunked.verified()).as("chunk %d", chunk).isEqualTo(sequential.verified());
            assertThat(chunked.checked()).as("chunk %d", chunk).isEqualTo(sequential.checked());
            assertThat(chunked.headHash()).as("chunk %d", chunk).isEqualTo(sequential.headHash());
            assertThat(chunked.failure() == null ? null : chunked.failure().sequence())
                    .as("chunk %d", chunk)
                    .isEqualTo(
                            sequential.failure() == null
                                    ? null
                                    : sequential.failure().sequence());
        }
        return sequential;
    }

    @Test
    void editing_an_events_data_breaks_the_chain_at_that_event() {
        ObjectNode event = stored(4);
        ((ObjectNode) event.get("data")).put("title", "rewritten");
        overwrite(4, event);
        assertThat(verify().failure().sequence()).isEqualTo(4);
    }

    @Test
    void deleting_an_event_breaks_the_chain_where_it_is_missing() {
        table.transactWrite(List.of(new WriteOp.Delete(Keys.event(TENANT, 6), Condition.EXISTS)));
        assertThat(verify().failure().sequence()).isEqualTo(6);
    }

    @Test
    void swapping_two_events_breaks_the_chain_at_the_first() {
        ObjectNode three = stored(3);
        ObjectNode five = stored(5);
        overwrite(3, five);
        overwrite(5, three);
        assertThat(verify().failure().sequence()).isEqualTo(3);
    }

    @Test
    void a_forged_insertion_with_a_recomputed_chain_passes_verify_but_not_the_earlier_digest() throws Exception {
        LocalDigestSigner signer = LedgerKeys.loadOrCreate(dataDir);
        Digests.Digest kept = new Digests(ledger, signer, Clock.systemUTC()).current(TENANT);

        // the forger edits event 3 and recomputes every hash after it, and the head
        List<StoredEvent> events = new ArrayList<>(ledger.events(TENANT, 1, 8, 100));
        String prev = events.get(1).envelope().hash();
        for (int i = 2; i < events.size(); i++) {
            ObjectNode json = events.get(i).json().deepCopy();
            if (i == 2) {
                ((ObjectNode) json.get("data")).put("title", "forged");
            }
            json.put("prev_hash", prev);
            json.remove("hash");
            String hash = HashChain.computeHash(prev, json);
            json.put("hash", hash);
            overwrite(i + 1, json);
            prev = hash;
        }
        table.put(
                Item.of(Keys.head(TENANT))
                        .with("sequence", 8)
                        .with("hash", prev)
                        .build(),
                Condition.NONE);

        ChainVerifier.Report report = verify();
        assertThat(report.verified()).isTrue(); // self-consistent …
        assertThat(report.headHash()).isNotEqualTo(kept.hash()); // … but the kept digest proves the rewrite
        assertThat(ChainVerifier.verify(ledger, TENANT, 1, kept.sequence()).headHash())
                .isNotEqualTo(kept.hash());
    }
}
